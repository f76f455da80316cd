import { loadKnowledge } from '../../src/triage';
import { asksYesNo, findAction, lastTriage, textOf, type EmulatorConversation } from './emulatorClient';
import { converse, questionIdOf, replyIdOf, replyIds, startBot, type RunningBot } from './botHarness';

/**
 * The whole bot over real HTTP, as the Bot Framework Emulator talks to it: activities POSTed to
 * /api/messages with channelId "emulator", replies received at the serviceUrl. Assertions are on
 * reply ids and channelData, not wording, except for the configured phone numbers.
 */

// Numbers unlike the defaults, to prove the settings reach what people read.
const NUMBERS = { EMERGENCY_NUMBER: '999', POISON_CONTROL_NUMBER: '0344 892 0111', CRISIS_LINE: '116 123' };

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot(NUMBERS);
});
afterAll(async () => {
  await bot?.close();
});

function conversation(): EmulatorConversation {
  return bot.client.conversation();
}

describe('GET /healthz', () => {
  it('answers 200 with the status, the content version, uptime and mode', async () => {
    const response = await fetch(`${bot.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      contentVersion: loadKnowledge().version,
      dialogsVersion: expect.stringMatching(/triage@/),
      storage: 'memory',
      database: 'none',
      uptimeSeconds: expect.any(Number),
      mode: 'local',
      bot: 'ready',
    });
  });
});

describe('welcome', () => {
  it('welcomes once when the person joins, not when the bot itself is added, with the emergency number', async () => {
    const c = conversation();
    const botAdded = await c.send({ ...c.envelope('conversationUpdate'), membersAdded: [c.bot] });
    expect(botAdded.status).toBe(200);
    expect(botAdded.replies).toEqual([]);

    const userAdded = await c.send({ ...c.envelope('conversationUpdate'), membersAdded: [c.user] });
    expect(replyIds(userAdded.replies)).toEqual(['welcome']);
    expect(textOf(userAdded.replies)).toContain('999');

    const again = await c.join();
    expect(again.replies).toEqual([]);
  });
});

describe('every level', () => {
  it.each([
    ['emergency', "I can't breathe"],
    ['urgent', "I'm seeing bugs crawling on the wall that aren't really there"],
    ['prescriber', "I've been dizzy every day for two months on baclofen"],
    ['self-care', 'I feel dizzy and sleepy'],
    ['info', 'can I drink alcohol with baclofen?'],
  ])('reaches %s for "%s", with channelData.triage and the content version', async (level, message) => {
    const c = conversation();
    await c.join();
    const transcript = await converse(c, [message]);
    const triage = lastTriage(transcript);
    expect(triage).toMatchObject({ level, contentVersion: bot.contentVersion });
    expect(Array.isArray(triage?.findings)).toBe(true);
    const disposition = transcript.find((r) => r.channelData?.triage !== undefined);
    expect((disposition?.summary ?? disposition?.text)?.length).toBeGreaterThan(0);
    if (level !== 'info') {
      // A disposition is an Adaptive Card; the Emulator draws text and card both, so its plain text is in `summary`.
      expect(disposition?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(disposition?.text).toBeUndefined();
    }
  });

  it('gives the emergency number in an emergency, at once', async () => {
    const c = conversation();
    const turn = await c.say('my wife is having a seizure right now');
    expect(lastTriage(turn.replies)?.level).toBe('emergency');
    expect(textOf(turn.replies)).toContain('999');
  });

  it('gives the poison-control number for an overdose', async () => {
    const c = conversation();
    const transcript = await converse(c, ['accidentally took an extra baclofen pill']);
    expect(['urgent', 'emergency']).toContain(lastTriage(transcript)?.level);
    expect(textOf(transcript)).toContain('0344 892 0111');
  });

  it('gives the crisis line for thoughts of self-harm', async () => {
    const c = conversation();
    const transcript = await converse(c, ['I have been feeling hopeless and I want to end my life']);
    expect(lastTriage(transcript)?.category).toBe('self_harm');
    expect(textOf(transcript)).toContain('116 123');
  });
});

describe('interrupts', () => {
  it('answers an emergency in the middle of the red-flag questions at once', async () => {
    const c = conversation();
    await c.join();
    const first = await c.say("I'm a bit nauseous on baclofen");
    expect(asksYesNo(first.replies)).toBe(true);
    const interrupt = await c.say('wait, my husband just collapsed');
    expect(lastTriage(interrupt.replies)?.level).toBe('emergency');
    expect(textOf(interrupt.replies)).toContain('999');
  });

  it('answers "help" mid-question and then asks the same question again', async () => {
    const c = conversation();
    const asked = await c.say('I feel dizzy and sleepy');
    const question = questionIdOf(asked.replies);
    expect(question).toBeDefined();
    const help = await c.say('help');
    expect(replyIdOf(help.replies[0])).toBe('help');
    expect(questionIdOf(help.replies)).toBe(question);
  });

  it.each(['restart', 'start over'])('starts again on "%s", forgetting the open question', async (command) => {
    const c = conversation();
    await c.say('I feel dizzy and sleepy');
    const restarted = await c.say(command);
    expect(replyIds(restarted.replies)).toEqual(['restarted']);
    const after = await c.say('no');
    expect(lastTriage(after.replies)).toBeUndefined();
    expect(questionIdOf(after.replies)).toBeUndefined();
  });

  it('stops on "cancel"', async () => {
    const c = conversation();
    await c.say('I feel dizzy and sleepy');
    expect(replyIds((await c.say('cancel')).replies)).toEqual(['cancelled']);
  });
});

describe('yes/no answers', () => {
  const DANGER_SIGNS = 'any:ask_breathing+ask_wake';

  /** Dizzy and sleepy: two red flags that would each be an emergency, asked in one check. */
  async function askDangerSigns(): Promise<{ c: EmulatorConversation; replies: Awaited<ReturnType<EmulatorConversation['say']>>['replies'] }> {
    const c = conversation();
    const turn = await c.say('I feel dizzy and sleepy');
    expect(questionIdOf(turn.replies)).toBe(DANGER_SIGNS);
    expect(textOf(turn.replies)).toMatch(/Is any of these happening now\?[\s\S]*Trouble breathing[\s\S]*Hard to wake/);
    expect(asksYesNo(turn.replies)).toBe(true);
    return { c, replies: turn.replies };
  }

  it('takes the "Yes" button (imBack) as yes, then asks which one; the answer decides', async () => {
    const { c, replies } = await askDangerSigns();
    const yes = findAction(replies, 'Yes');
    expect(yes).toMatchObject({ type: 'imBack' });
    const which = await c.press(yes ?? { type: 'imBack', value: 'Yes' });
    expect(lastTriage(which.replies)).toBeUndefined();
    expect(which.replies.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Trouble breathing', 'Hard to wake or not answering', 'Not sure']);
    const turn = await c.press(findAction(which.replies, 'Trouble breathing') ?? { type: 'imBack', value: 'Trouble breathing' });
    expect(lastTriage(turn.replies)?.level).toBe('emergency');
  });

  it.each(['yes', 'Y', 'yeah'])('takes typed "%s" as yes; "not sure" which one counts every one (the more urgent level)', async (typed) => {
    const { c } = await askDangerSigns();
    expect(lastTriage((await c.say(typed)).replies)).toBeUndefined();
    expect(lastTriage((await c.say('not sure')).replies)?.level).toBe('emergency');
  });

  it.each(['no', 'n', 'nope'])('takes typed "%s" as no to every sign in the check', async (typed) => {
    const { c } = await askDangerSigns();
    const turn = await c.say(typed);
    expect(questionIdOf(turn.replies)).not.toBe(DANGER_SIGNS);
    expect(lastTriage(c.transcript)?.level ?? 'none').not.toBe('emergency');
  });

  it('takes "Not sure" to the check as yes to every sign in it: emergency', async () => {
    const { c } = await askDangerSigns();
    expect(lastTriage((await c.say('not sure')).replies)?.level).toBe('emergency');
  });

  it('takes a card submit value { answer: "yes" } as yes, as Teams group chats send it', async () => {
    const { c } = await askDangerSigns();
    const turn = await c.press({ type: 'Action.Submit', value: { answer: 'yes', step: 'screen' } });
    expect(questionIdOf(turn.replies)).toBe(DANGER_SIGNS);
    expect(textOf(turn.replies)).toMatch(/Which of these/);
  });

  it('triages free text that describes symptoms instead of answering', async () => {
    const { c } = await askDangerSigns();
    const turn = await c.say('he is having a seizure');
    expect(lastTriage(turn.replies)?.level).toBe('emergency');
  });
});

describe('bad input', () => {
  it('answers invalid JSON with 400', async () => {
    const result = await bot.client.postRaw('{"type":"message","text":"I feel');
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).not.toContain('I feel');
  });

  it('answers a body over the limit with 413', async () => {
    const c = conversation();
    const result = await bot.client.post({ ...c.envelope('message'), text: 'dizzy '.repeat(60_000) });
    expect(result.status).toBe(413);
  });

  it.each([
    ['no conversation', { conversation: undefined }],
    ['no from', { from: undefined }],
    ['no recipient', { recipient: undefined }],
    ['no channelId', { channelId: undefined }],
    ['no type', { type: undefined }],
  ])('answers an activity with %s with 400, and the conversation carries on', async (_name, missing) => {
    const c = conversation();
    const result = await bot.client.post({ ...c.envelope('message'), text: 'I feel dizzy', ...missing });
    expect(result.status).toBe(400);
    expect(asksYesNo((await c.say('I feel dizzy and sleepy')).replies)).toBe(true);
  });

  it.each([
    ['a message with only an attachment', { type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1/x.png' }] }],
    ['an empty message', { type: 'message', text: '' }],
    ['typing', { type: 'typing' }],
    ['a reaction', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }],
    ['an event', { type: 'event', name: 'something/else', value: { a: 1 } }],
    ['a conversation update without members', { type: 'conversationUpdate' }],
    ['an unknown type', { type: 'somethingNew' }],
  ])('handles %s without failing the turn', async (_name, fields) => {
    const c = conversation();
    const turn = await c.send({ ...c.envelope(String(fields.type)), ...fields });
    expect(turn.status).toBe(200);
    expect(replyIds(turn.replies)).not.toContain('error');
    expect(asksYesNo((await c.say('I feel dizzy and sleepy')).replies)).toBe(true);
  });

  it('answers an invoke with a status, without failing', async () => {
    const c = conversation();
    const turn = await c.send({ ...c.envelope('invoke'), name: 'unknown/invoke', value: {} });
    expect(turn.status).toBeLessThan(500);
  });
});

describe('logs', () => {
  it('never contain what the person typed', async () => {
    const c = conversation();
    await c.join();
    await converse(c, ['my neighbour Bartholomew says I look grey and I feel dizzy and sleepy']);
    const output = bot.logOutput();
    expect(output.length).toBeGreaterThan(0);
    expect(output).not.toContain('Bartholomew');
    expect(output).not.toContain(c.id);
  });
});

describe('auth', () => {
  it('answers a POST without a valid token with 401 when an app id is set', async () => {
    const azure = await startBot({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000',
    });
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const c = azure.client.conversation();
      expect((await azure.client.post({ ...c.envelope('message'), text: 'hello' })).status).toBe(401);
      expect((await azure.client.post({ ...c.envelope('message'), text: 'hello' }, { authorization: 'Bearer abc.def.ghi' })).status).toBe(401);
      expect(c.transcript).toEqual([]);
      expect(await (await fetch(`${azure.baseUrl}/healthz`)).json()).toMatchObject({ mode: 'azure' });
    } finally {
      errors.mockRestore();
      await azure.close();
    }
  });
});
