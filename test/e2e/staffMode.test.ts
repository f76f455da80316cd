import { networkInterfaces } from 'node:os';
import { findAction, lastTriage, textOf } from './emulatorClient';
import { replyIdOf, replyIds, startBot, type RunningBot } from './botHarness';

/**
 * Helpline staff use the same dialog trees as a call script: over HTTP, as the Emulator talks to
 * the bot, from "staff mode" to the summary for the record.
 */

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ EMERGENCY_NUMBER: '999' });
});
afterAll(async () => {
  await bot?.close();
});

describe('a staff-mode call over HTTP', () => {
  it('prompts staff with what to ask, takes the answers, and ends with the disposition, rationale and summary', async () => {
    const c = bot.client.conversation();
    await c.join();

    const on = await c.say('staff mode');
    expect(replyIds(on.replies)).toContain('staff_mode_on');

    let turn = await c.say('caller says her husband took an extra baclofen tablet by mistake and feels a bit drowsy');
    const prompts: string[] = [];
    for (let i = 0; i < 15; i += 1) {
      const last = turn.replies.at(-1);
      // Staff buttons say what each answer means; the second is always the "no" one.
      const no = findAction(turn.replies, 'No') ?? last?.suggestedActions?.actions[1];
      if (no === undefined && last?.inputHint !== 'expectingInput') break;
      prompts.push(last?.text ?? '');
      turn = no !== undefined ? await c.press(no) : await c.say('one 10 mg tablet, about an hour ago');
    }
    // Every prompt tells staff what to ask the caller and what to listen for.
    expect(prompts.length).toBeGreaterThan(1);
    for (const prompt of prompts) {
      expect(prompt).toMatch(/^Ask/);
      expect(prompt).toMatch(/Listen for/i);
    }

    const transcript = c.transcript;
    const triage = lastTriage(transcript);
    expect(triage?.level).toBe('urgent');
    expect(triage?.findings).toEqual(expect.arrayContaining(['took_too_much']));

    const disposition = transcript.find((r) => r.channelData?.triage !== undefined);
    const text = disposition?.summary ?? disposition?.text ?? '';
    // The rationale names the words that matched and what they add up to, in plain words; the ids are on the record only.
    expect(text).toContain('the caller said "took an extra');
    expect(text).toContain('Too much baclofen taken by mistake → URGENT: same day');
    expect(text).not.toContain('finding:');
    expect(text).toMatch(/1-800-222-1222/);

    const summary = transcript.find((r) => r.channelData?.summary !== undefined);
    expect(summary).toBeDefined();
    expect(textOf([summary!])).toContain(triage!.contentVersion);
    expect(textOf([summary!])).toMatch(/For the record: findings [a-z_, ]*took_too_much/);

    const off = await c.say('patient mode');
    expect(replyIds(off.replies)).toContain('patient_mode_on');
  });

  it('shows staff red-flag answers by meaning, and a "cannot be woken" answer is read as the emergency it is', async () => {
    const c = bot.client.conversation();
    await c.join();
    await c.say('staff mode');
    let turn = await c.say('the patient is very drowsy');
    // Both red flags in one check, the staff's buttons named by meaning; which one after a yes.
    expect(turn.replies.at(-1)?.channelData?.questionIds).toEqual(['ask_breathing', 'ask_wake']);
    expect(turn.replies.at(-1)?.text).toMatch(/^Ask: is any of these happening now\?/);
    expect(turn.replies.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Yes, one or more', 'None of these', 'Not sure']);
    turn = await c.press(findAction(turn.replies, 'Yes, one or more')!);
    expect(turn.replies.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Trouble breathing', 'Hard to wake or not answering', 'Not sure']);
    turn = await c.press(findAction(turn.replies, 'Hard to wake or not answering')!);
    expect(lastTriage(turn.replies)?.level).toBe('emergency');
    expect(lastTriage(turn.replies)?.findings).toContain('unresponsive');
  });

  it('"None of these" rules out unresponsive', async () => {
    const c = bot.client.conversation();
    await c.join();
    await c.say('staff mode');
    const turn = await c.say('the patient is very drowsy');
    await c.press(findAction(turn.replies, 'None of these')!);
    const triage = lastTriage(c.transcript);
    expect(triage?.level).toBe('urgent');
    expect(triage?.findings).not.toContain('unresponsive');
  });

  it('still answers an emergency at once in staff mode', async () => {
    const c = bot.client.conversation();
    await c.join();
    await c.say('staff mode');
    const turn = await c.say('the caller says he is not breathing');
    expect(lastTriage(turn.replies)?.level).toBe('emergency');
    expect(textOf(turn.replies)).toContain('999');
    expect(replyIdOf(turn.replies[0])).not.toBe('staff_mode_on');
  });
});

describe('GET /script', () => {
  it('serves the call script as a self-contained HTML page: the quick card, then every presenting problem', async () => {
    const response = await fetch(`${bot.baseUrl}/script`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'sha256-/);
    const html = await response.text();
    for (const id of ['quick_card', 'emergency_screen', 'problem_emergency', 'problem_overdose', 'problem_withdrawal', 'problem_triage', 'problem_information', 'appendix_rules', 'appendix_phrases']) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('the caller calls 999 now');
  });
});

describe('staff mode in local mode from another machine', () => {
  it('is refused: without authentication only someone at this machine is taken for staff', async () => {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
    if (lan === undefined) return; // no network address to call from
    const open = await startBot({ HOST: '0.0.0.0' });
    try {
      const port = new URL(open.baseUrl).port;
      const conversation = open.client.conversation();
      const ask = async (text: string): Promise<unknown> => {
        const response = await fetch(`http://${lan}:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...conversation.envelope('message'), text, deliveryMode: 'expectReplies' }),
        });
        return response.json();
      };
      expect(JSON.stringify(await ask('staff mode'))).toContain('"replyId":"staff_mode_refused"');
      // The same words from this machine switch it on.
      expect(replyIds((await open.client.conversation().say('staff mode')).replies)).toContain('staff_mode_on');
    } finally {
      await open.close();
    }
  });
});
