import { findAction, lastTriage, textOf } from './emulatorClient';
import { replyIds, startBot, type RunningBot } from './botHarness';

/**
 * No dead end, over HTTP as the Emulator talks: a report the core cannot place gets one combined
 * emergency check; every fallback gives the emergency number and the crisis line; greetings and
 * thanks get short replies; another language gets a reply in English and Spanish.
 */

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ LOG_LEVEL: 'warn', EMERGENCY_NUMBER: '999', CRISIS_LINE: '116 123' });
});
afterAll(async () => {
  await bot?.close();
});

async function started() {
  const c = bot.client.conversation();
  await c.join();
  return c;
}

describe('a report the core cannot place', () => {
  it.each([
    ['a pump emergency in broken English', 'he no move, pump beep beep'],
    ['distress with nothing the core knows', "I'm so scared, something is not right and I don't know what to do"],
    ['something wrong with a person', 'something is really wrong with my dad'],
  ])('%s: one combined emergency check first, with Yes / No / Not sure', async (_name, message) => {
    const c = await started();
    const turn = await c.say(message);
    expect(replyIds(turn.replies)).toEqual(['unplaced_report.danger_now']);
    expect(turn.replies[0]?.text).toMatch(/happening now/);
    expect(turn.replies[0]?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Yes', 'No', 'Not sure']);
  });

  it.each(['Yes', 'Not sure'])('"%s": the emergency advice at once, and the crisis line', async (answer) => {
    const c = await started();
    const check = await c.say('he no move, pump beep beep');
    const turn = await c.press(findAction(check.replies, answer)!);
    expect(lastTriage(turn.replies)?.level).toBe('emergency');
    expect(textOf(turn.replies)).toContain('999');
    expect(textOf(turn.replies)).toContain('116 123');
  });

  it('"No": an invitation to say more, with the emergency number and the crisis line', async () => {
    const c = await started();
    const check = await c.say("I'm so scared, something is not right and I don't know what to do");
    const turn = await c.press(findAction(check.replies, 'No')!);
    expect(replyIds(turn.replies)).toEqual(['unplaced_report.say_more']);
    expect(textOf(turn.replies)).toContain('999');
    expect(textOf(turn.replies)).toContain('116 123');
  });
});

describe('every fallback names the emergency number and the crisis line', () => {
  it.each([
    ['gibberish', 'asdf qwerty', 'not_understood.explain'],
    ['a question with no answer', "what's the weather like?", 'information.no_answer'],
    ['background only', 'I have a question about my pump', 'context.invite'],
  ])('%s', async (_name, message, replyId) => {
    const c = await started();
    const turn = await c.say(message);
    expect(replyIds(turn.replies)).toContain(replyId);
    expect(textOf(turn.replies)).toContain('999');
    expect(textOf(turn.replies)).toContain('116 123');
  });
});

describe('small talk gets short natural replies', () => {
  it('"hello": a greeting and what to say, with the emergency number', async () => {
    const turn = await (await started()).say('hello');
    expect(replyIds(turn.replies)).toEqual(['greeting.hello']);
    expect(textOf(turn.replies)).toMatch(/^Hello/);
    expect(textOf(turn.replies)).toContain('999');
  });

  it.each(['thank you so much', 'thanks a lot', 'bye bye'])('"%s": a goodbye, not "I didn\'t understand"', async (message) => {
    const turn = await (await started()).say(message);
    expect(replyIds(turn.replies)).toEqual(['goodbye.goodbye']);
    expect(textOf(turn.replies)).toContain('999');
  });
});

describe('another language', () => {
  it.each([
    ['Spanish: someone is not breathing', 'mi esposo no respira, ayuda por favor'],
    ['Portuguese', 'meu marido não está respirando, ajuda'],
    ['Russian', 'мой муж не дышит, помогите'],
  ])('%s: the bot reads English only, says so in English and Spanish, with the emergency number', async (_name, message) => {
    const turn = await (await started()).say(message);
    expect(replyIds(turn.replies)).toEqual(['other_language.reply']);
    const text = textOf(turn.replies);
    expect(text).toContain('only read English');
    expect(text).toContain('solo puedo leer inglés');
    expect(text.match(/999/g)?.length).toBe(2);
  });
});
