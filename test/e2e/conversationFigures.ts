/**
 * `npm run figures:conversation`: how the conversation reads, over every vignette suite through the
 * whole bot over HTTP (answering as the vignette harness does). Questions asked before the first
 * advice (median, p95, max); words in the first advice (median, max): on its first screen (the main
 * line and "what to do now" as shown, the target being 60) and in all. Measured, not asserted.
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

function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The words of the whole advice: its plain text (in `summary` where the channel shows the card alone). */
function wordsOf(reply: BotReply): number {
  return countWords(reply.text ?? reply.summary ?? '');
}

interface CardElement {
  readonly type?: string;
  readonly text?: string;
  readonly size?: string;
  readonly style?: string;
}

/** The words on the card's first screen: the main line, then "what to do now" as shown (not what is behind "More"). */
function firstScreenWordsOf(reply: BotReply): number {
  const body = ((reply.attachments?.[0]?.content as { body?: CardElement[] } | undefined)?.body ?? []);
  const main = body.findIndex((e) => e.size === 'Large');
  const doNow = body.findIndex((e, i) => i > main && e.style === 'heading');
  const end = body.findIndex((e, i) => i > doNow && (e.style === 'heading' || e.type !== 'TextBlock'));
  const shown = [body[main], ...body.slice(doNow + 1, end === -1 ? undefined : end)];
  return shown.reduce((n, e) => n + countWords(e?.text ?? ''), 0);
}

async function main(): Promise<void> {
  const bot = await startBot({ LOG_LEVEL: 'warn' });
  const questions: number[] = [];
  const words: number[] = [];
  const firstScreen: number[] = [];
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
        else {
          words.push(wordsOf(advice));
          firstScreen.push(firstScreenWordsOf(advice));
        }
      }
    }
  } finally {
    await bot.close();
  }
  const q = [...questions].sort((a, b) => a - b);
  const w = [...words].sort((a, b) => a - b);
  const f = [...firstScreen].sort((a, b) => a - b);
  console.log(`${q.length} conversations (${withoutAdvice} without advice)`);
  console.log(`questions before advice: median ${percentile(q, 0.5)} · p95 ${percentile(q, 0.95)} · max ${q.at(-1)}`);
  console.log(`words in the first advice: median ${percentile(w, 0.5)} · max ${w.at(-1)}`);
  console.log(`words on its first screen (main line + what to do now): median ${percentile(f, 0.5)} · max ${f.at(-1)} · over 60: ${f.filter((n) => n > 60).length}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
