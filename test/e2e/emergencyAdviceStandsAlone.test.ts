import { findAction, lastTriage } from './emulatorClient';
import { converse, replyIds, startBot, type RunningBot } from './botHarness';

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
  // "Not sure" to the combined check of the danger signs counts every one of them: an emergency.
  const unsure = findAction(first.replies, 'Not sure');
  expect(unsure).toBeDefined();
  const turn = await c.press(unsure!);
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

describe('each level looks different on the card', () => {
  it('emergency, urgent, prescriber and self-care advice each have their own colour and icon', async () => {
    {
      const looks = new Map<string, string>();
      for (const [message, level] of [
        ["I can't breathe", 'emergency'],
        ['I ran out of baclofen yesterday', 'urgent'],
        ["I've been dizzy every day for two months on baclofen", 'prescriber'],
        ["I'm a bit nauseous on baclofen", 'self-care'],
      ] as const) {
        const c = bot.client.conversation();
        await c.join();
        const transcript = await converse(c, [message]);
        const advice = transcript.find((r) => r.channelData?.triage?.level === level && r.attachments !== undefined);
        const top = ((advice?.attachments?.[0]?.content as { body?: Array<{ text?: string; color?: string }> } | undefined)?.body ?? [])[0];
        looks.set(level, `${top?.color} ${top?.text?.split(' ')[0]}`);
      }
      expect(new Set(looks.values()).size).toBe(4);
    }
  });
});
