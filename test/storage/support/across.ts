import { answerFor } from '../../e2e/botHarness';
import type { BotReply, EmulatorConversation, Turn } from '../../e2e/emulatorClient';

/**
 * One conversation whose turns alternate between instances: each entry of `sides` is the same
 * conversation id on another instance. Sends the messages, then answers what the bot asks.
 * Returns every turn's result in order.
 */
export async function converseAcross(sides: readonly EmulatorConversation[], messages: readonly string[], maxAnswers = 20): Promise<Turn[]> {
  const turns: Turn[] = [];
  let n = 0;
  const next = (): EmulatorConversation => sides[n++ % sides.length]!;
  for (const message of messages) turns.push(await next().say(message));
  for (let i = 0; i < maxAnswers; i += 1) {
    const answer = answerFor(turns.at(-1)?.replies ?? []);
    if (answer === undefined) return turns;
    const side = next();
    turns.push('press' in answer ? await side.press(answer.press) : await side.say(answer.say));
  }
  throw new Error(`converseAcross: the bot was still asking after ${maxAnswers} answers`);
}

/** Every reply of the turns, in order. */
export function repliesOf(turns: readonly Turn[]): BotReply[] {
  return turns.flatMap((t) => t.replies);
}
