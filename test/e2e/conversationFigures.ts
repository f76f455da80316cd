/**
 * `npm run figures:conversation`: how the conversation reads, over every vignette suite through the
 * whole bot over HTTP (answering as the vignette harness does). Questions asked before the first
 * advice (median, p95, max) and words in the first advice (median, max). Measured, not asserted.
 */
import { readFileSync } from 'node:fs';
import { parseVignettes } from '../../src/triage/vignettes';
import { vignetteSuites } from '../support/vignettes';
import { converse, startBot } from './botHarness';
import type { BotReply } from './emulatorClient';
import { percentile } from './measure';

function isAdvice(reply: BotReply): boolean {
  return typeof (reply.channelData as Record<string, unknown> | undefined)?.['dispositionId'] === 'string';
}

function isQuestion(reply: BotReply): boolean {
  return reply.inputHint === 'expectingInput';
}

/** The words a person reads in a reply: its text, or the text of its card when it has no text. */
function wordsOf(reply: BotReply): number {
  return (reply.text ?? '').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

async function main(): Promise<void> {
  const bot = await startBot({ LOG_LEVEL: 'warn' });
  const questions: number[] = [];
  const words: number[] = [];
  let withoutAdvice = 0;
  try {
    for (const [, file] of vignetteSuites()) {
      for (const vignette of parseVignettes(readFileSync(file, 'utf8'), file)) {
        const conversation = bot.client.conversation(`figures-${vignette.id}`);
        await conversation.join();
        const transcript = await converse(conversation, vignette.turns);
        const first = transcript.findIndex(isAdvice);
        const before = first === -1 ? transcript : transcript.slice(0, first);
        questions.push(before.filter(isQuestion).length);
        const advice = first === -1 ? undefined : transcript[first];
        if (advice === undefined) withoutAdvice += 1;
        else words.push(wordsOf(advice));
      }
    }
  } finally {
    await bot.close();
  }
  const q = [...questions].sort((a, b) => a - b);
  const w = [...words].sort((a, b) => a - b);
  console.log(`${q.length} conversations (${withoutAdvice} without advice)`);
  console.log(`questions before advice: median ${percentile(q, 0.5)} · p95 ${percentile(q, 0.95)} · max ${q.at(-1)}`);
  console.log(`words in the first advice: median ${percentile(w, 0.5)} · max ${w.at(-1)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
