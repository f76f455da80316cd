import { cardButtons, findAction, lastTriage, textOf, type BotReply, type EmulatorConversation } from './emulatorClient';
import { converse, questionIdOf, replyIdOf, replyIds, startBot, type RunningBot } from './botHarness';

/**
 * The conversation a frightened person needs, over HTTP as the Emulator talks: at most three
 * questions before advice, the most decisive first; nothing asked that was already said; a child's
 * ingestion gets poison control at once; advice whose first screen fits a phone.
 */

const POISON = '0800 123 456';
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ LOG_LEVEL: 'warn', EMERGENCY_NUMBER: '999', POISON_CONTROL_NUMBER: POISON });
});
afterAll(async () => {
  await bot?.close();
});

async function conversation(): Promise<EmulatorConversation> {
  const c = bot.client.conversation();
  await c.join();
  return c;
}

const isAdvice = (r: BotReply): boolean => typeof (r.channelData as Record<string, unknown> | undefined)?.['dispositionId'] === 'string';

interface CardElement {
  readonly type?: string;
  readonly text?: string;
  readonly size?: string;
  readonly style?: string;
  readonly isVisible?: boolean;
}

const bodyOf = (r: BotReply): CardElement[] => (r.attachments?.[0]?.content as { body?: CardElement[] } | undefined)?.body ?? [];
const words = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** The words on the advice card before "Why": the main line and the lines of "what to do now" that show without a tap. */
function firstScreenWords(advice: BotReply): number {
  const body = bodyOf(advice);
  const main = body.findIndex((e) => e.size === 'Large');
  const why = body.findIndex((e, i) => i > main + 1 && e.style === 'heading' && e.text !== undefined && /why|rationale/i.test(e.text));
  return body
    .slice(main, why === -1 ? undefined : why)
    .filter((e) => e.type === 'TextBlock' && e.style !== 'heading')
    .reduce((n, e) => n + words(e.text ?? ''), main === -1 ? 0 : words(body[main]?.text ?? ''));
}

describe('at most three questions before advice, the most decisive first', () => {
  it.each([
    ['a pump alarm', ['my pump is beeping']],
    ['a sudden stop', ['I stopped my baclofen suddenly 3 days ago']],
    ['withdrawal, not said which', ["I think I'm in withdrawal"]],
    ['too much baclofen', ['I took too many of my baclofen tablets']],
    ['drowsy and dizzy', ['I feel very drowsy and dizzy']],
    ['itching with a pump', ['I have a baclofen pump and I am itching all over']],
  ])('%s: answering No to everything, advice after three questions at most', async (_name, messages) => {
    const c = await conversation();
    const transcript = await converse(c, messages);
    const first = transcript.findIndex(isAdvice);
    expect(first).toBeGreaterThan(-1);
    expect(transcript.slice(0, first).filter((r) => r.inputHint === 'expectingInput').length).toBeLessThanOrEqual(3);
  });

  it('several red flags worth asking: one combined check first, with each named, Yes / No / Not sure', async () => {
    const turn = await (await conversation()).say('my pump is beeping');
    expect(turn.replies.at(-1)?.channelData?.questionIds).toEqual(expect.arrayContaining(['ask_fever', 'ask_seizure']));
    expect(textOf(turn.replies)).toMatch(/^Is any of these happening now\?/);
    expect(textOf(turn.replies)).toMatch(/- Seizure or jerking/);
    expect(turn.replies.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Yes', 'No', 'Not sure']);
  });

  it('a yes to the check: which one next, and that answer decides', async () => {
    const c = await conversation();
    const check = await c.say('my pump is beeping');
    const which = await c.press(findAction(check.replies, 'Yes')!);
    expect(lastTriage(which.replies)).toBeUndefined();
    expect(textOf(which.replies)).toMatch(/Which of these/);
    const turn = await c.press(findAction(which.replies, 'Seizure or jerking')!);
    expect(lastTriage(turn.replies)).toMatchObject({ level: 'emergency', findings: expect.arrayContaining(['seizure', 'pump_alarm']) });
  });

  it('no clear answer errs towards the more urgent level: "not sure" to the check is an emergency', async () => {
    const c = await conversation();
    await c.say('my pump is beeping');
    expect(lastTriage((await c.say("I don't know")).replies)?.level).toBe('emergency');
  });
});

describe('never asks what the person already said', () => {
  it('"by mistake": not asked whether it was on purpose', async () => {
    const c = await conversation();
    const transcript = await converse(c, ['I accidentally took an extra baclofen tablet']);
    const asked = transcript.flatMap((r) => [r.channelData?.questionId, ...(r.channelData?.questionIds ?? [])]);
    expect(asked).not.toContain('ask_intent');
    expect(lastTriage(transcript)).toMatchObject({ level: 'urgent', category: 'overdose' });
  });

  it('without it, whether it was on purpose is asked, on its own and after the danger signs', async () => {
    const c = await conversation();
    const check = await c.say('I took too many of my baclofen tablets');
    expect(questionIdOf(check.replies)).toMatch(/^any:/);
    expect(check.replies.at(-1)?.channelData?.questionIds).not.toContain('ask_intent');
    const next = await c.press(findAction(check.replies, 'No')!);
    expect(questionIdOf(next.replies)).toBe('ask_intent');
  });

  it('"it was not by mistake" answers nothing: the question is asked', async () => {
    const c = await conversation();
    const transcript = await converse(c, ['it was not by mistake, I took too many tablets']);
    const asked = transcript.flatMap((r) => [r.channelData?.questionId, ...(r.channelData?.questionIds ?? [])]);
    expect(asked).toContain('ask_intent');
  });

  it('a danger sign said in the first message is not asked about: advice at once', async () => {
    const turn = await (await conversation()).say('I took too many tablets and her lips are blue');
    expect(lastTriage(turn.replies)?.level).toBe('emergency');
    expect(turn.replies.some((r) => r.inputHint === 'expectingInput')).toBe(false);
  });
});

describe('a child who swallowed baclofen', () => {
  it('gets the poison-control advice in the first reply, the danger signs after it', async () => {
    const c = await conversation();
    const turn = await c.say('my 2 year old swallowed some of my baclofen');
    const ids = replyIds(turn.replies);
    expect(ids[0]).toBe('overdose.poison_control_first');
    expect(turn.replies[0]?.summary).toContain(POISON);
    expect(lastTriage(turn.replies)).toMatchObject({ level: 'urgent', category: 'overdose' });
    expect(questionIdOf(turn.replies)).toMatch(/^any:/);
    // No on the danger signs: the advice given stands; it is not shown again.
    const after = await c.press(findAction(turn.replies, 'No')!);
    expect(after.replies.some(isAdvice)).toBe(false);
    expect(replyIdOf(after.replies[0])).toBe('wrap_up.offer_summary');
  });

  it('a danger sign after the first advice: emergency advice at once', async () => {
    const c = await conversation();
    const first = await c.say('my toddler got into my baclofen');
    const which = await c.press(findAction(first.replies, 'Yes')!);
    const turn = await c.press(findAction(which.replies, 'Trouble breathing')!);
    expect(lastTriage(turn.replies)?.level).toBe('emergency');
  });
});

describe('advice a frightened person can read on a phone', () => {
  it.each([
    ['an emergency', ["I can't breathe"]],
    ['a seizure', ['he is having a seizure']],
    ['withdrawal', ['I stopped my baclofen suddenly 3 days ago']],
    ['too much baclofen', ['I accidentally took an extra baclofen tablet']],
    ['a common side effect', ["I've been dizzy every day for two months on baclofen"]],
    ['self-care', ['I feel a bit sick since starting baclofen']],
  ])('%s: the main line and what to do now in 60 words at most, the rest one tap away', async (_name, messages) => {
    const transcript = await converse(await conversation(), messages);
    const advice = transcript.find(isAdvice);
    expect(advice).toBeDefined();
    expect(firstScreenWords(advice!)).toBeLessThanOrEqual(60);
    // Nothing lost: the rest of "what to do now" is on the card, behind "More on what to do".
    const hidden = bodyOf(advice!).filter((e) => e.isVisible === false);
    if (hidden.length > 0) expect(JSON.stringify(bodyOf(advice!))).toContain('More on what to do');
  });

  it('"Why" in plain words for the person: no matched fragments, no rule ids; staff keep both in the rationale', async () => {
    const patient = (await converse(await conversation(), ['I took an extra baclofen by mistake'])).find(isAdvice)!;
    const patientText = patient.summary ?? '';
    expect(patientText).toContain('too much baclofen taken by mistake');
    expect(patientText).not.toContain('"took an extra');
    expect(patientText).not.toMatch(/finding:|rule:/);

    const c = await conversation();
    await c.say('staff mode');
    const staff = (await converse(c, ['the caller took an extra baclofen by mistake'])).find(isAdvice)!;
    expect(staff.summary ?? '').toContain('the caller said "took an extra');
  });

  it('answers a topic only when asked: "20 mg extra" gets no dosing paragraph, "…can I drink alcohol?" the alcohol answer', async () => {
    const report = await converse(await conversation(), ['I took 20 mg extra baclofen by mistake']);
    expect(replyIds(report).some((id) => id?.endsWith('.questions_asked_too'))).toBe(false);
    const asked = await converse(await conversation(), ['I took 20 mg extra baclofen by mistake, can I drink alcohol tonight?']);
    expect(replyIds(asked)).toContain('overdose.questions_asked_too');
  });

  it('the summary question is on one card with its Yes / No buttons', async () => {
    const c = await conversation();
    const transcript = await converse(c, ['I feel a bit sick since starting baclofen']);
    const offer = transcript.find((r) => replyIdOf(r) === 'wrap_up.offer_summary')!;
    expect(offer.text).toBeUndefined();
    expect(JSON.stringify(bodyOf(offer))).toContain('Would you like a summary for your doctor?');
    expect(cardButtons(offer).map((b) => b.title)).toEqual(['Yes', 'No']);
    expect(offer.suggestedActions).toBeUndefined();
    const c2 = await conversation();
    const first = await c2.say('I feel a bit sick since starting baclofen');
    let turn = first;
    while (replyIdOf(turn.replies.at(-1)) !== 'wrap_up.offer_summary') turn = await c2.press(findAction(turn.replies, 'No')!);
    const summary = await c2.press(findAction(turn.replies, 'Yes')!);
    expect(replyIds(summary.replies)).toEqual(['wrap_up.summary', 'wrap_up.anything_else']);
  });

  it('one rendering in the Emulator: the advice card alone, its plain text in summary', async () => {
    const turn = await (await conversation()).say("I can't breathe");
    const advice = turn.replies.find(isAdvice)!;
    expect(advice.text).toBeUndefined();
    expect(advice.attachments).toHaveLength(1);
    expect(advice.summary).toContain('999');
  });
});
