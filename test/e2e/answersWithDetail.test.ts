import { findAction, lastTriage, textOf } from './emulatorClient';
import { questionIdOf, replyIds, startBot, type RunningBot } from './botHarness';

/** Answers that carry detail are read as the answer plus what else they report, over HTTP as the Emulator talks. */

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ LOG_LEVEL: 'warn' });
});
afterAll(async () => {
  await bot?.close();
});

describe('an answer with detail', () => {
  it('"no I\'m awake, just drowsy" answers the question (no "I\'ve added that" and the same question again)', async () => {
    const c = bot.client.conversation();
    await c.join();
    let turn = await c.say('I feel very drowsy');
    expect(questionIdOf(turn.replies)).toBe('any:ask_breathing+ask_wake');
    turn = await c.say("no I'm awake, just drowsy");
    expect(replyIds(turn.replies)).not.toContain('noted');
    expect(questionIdOf(turn.replies)).not.toBe('any:ask_breathing+ask_wake');
    expect(lastTriage(turn.replies)?.level).toBe('urgent');
  });

  it('"he is confused" to another question is a report, not a yes', async () => {
    const c = bot.client.conversation();
    await c.join();
    let turn = await c.say('my husband is very drowsy');
    expect(questionIdOf(turn.replies)).toBe('any:ask_breathing+ask_wake');
    turn = await c.say('he is confused');
    expect(replyIds(turn.replies)[0]).toBe('noted');
    expect(textOf(c.transcript)).not.toMatch(/Ruled out: trouble breathing/i);
  });
});
