import { findAction, lastTriage } from './emulatorClient';
import { replyIds, startBot, type RunningBot } from './botHarness';

/** After emergency advice the bot says nothing that would distract from calling for help. */

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot?.close();
});

it('does not follow emergency advice with an information answer, even when a topic was asked about', async () => {
  const c = bot.client.conversation();
  await c.join();
  const first = await c.say('I think my dad is in baclofen withdrawal, what are the signs?');
  const yes = findAction(first.replies, 'Yes');
  expect(yes).toBeDefined();
  const turn = await c.press(yes!);
  expect(lastTriage(turn.replies)?.level).toBe('emergency');
  const ids = replyIds(turn.replies);
  expect(ids.some((id) => id?.endsWith('.questions_asked_too'))).toBe(false);
  expect(ids.some((id) => id === 'topic_answer')).toBe(false);
});

it('still answers the topic after advice that is not an emergency', async () => {
  const c = bot.client.conversation();
  await c.join();
  let turn = await c.say('I ran out of baclofen yesterday, what are the withdrawal symptoms?');
  for (let i = 0; i < 10; i += 1) {
    const no = findAction(turn.replies, 'No');
    if (no === undefined) break;
    turn = await c.press(no);
  }
  expect(lastTriage(c.transcript)?.level).toBe('urgent');
  expect(replyIds(c.transcript).some((id) => id?.endsWith('.questions_asked_too'))).toBe(true);
});
