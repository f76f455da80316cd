import { readFileSync } from 'node:fs';
import { LEVELS, type Level } from '../../src/triage';
import { formatScores, parseVignettes, score, type Outcome, type Vignette } from '../../src/triage/vignettes';
import { itMeetsVignetteThresholds, vignetteSuites } from '../support/vignettes';
import { lastTriage } from './emulatorClient';
import { converse, startBot, type RunningBot } from './botHarness';

/**
 * Every vignette through the WHOLE bot over HTTP, one conversation per case: each turn sent as the
 * Emulator sends it, then "No" to every yes/no question (first choice of any other choice) until the
 * bot stops asking. The level is the last disposition's channelData.triage.level. Same thresholds
 * as the core's vignette test.
 */

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ LOG_LEVEL: 'warn' });
});
afterAll(async () => {
  await bot?.close();
});

function isLevel(value: string | undefined): value is Level {
  return (LEVELS as readonly string[]).includes(value ?? '');
}

async function runCase(vignette: Vignette): Promise<Outcome & { readonly missing: boolean }> {
  const conversation = bot.client.conversation(`vignette-${vignette.id}`);
  await conversation.join();
  const level = lastTriage(await converse(conversation, vignette.turns))?.level;
  // No disposition at all counts as the least urgent level: a miss, never a pass.
  return { id: vignette.id, gold: vignette.gold, level: isLevel(level) ? level : 'info', missing: !isLevel(level) };
}

describe.each(vignetteSuites())('%s through the whole bot over HTTP', (_name, file) => {
  const cases = parseVignettes(readFileSync(file, 'utf8'), file);
  let outcomes: Array<Outcome & { readonly missing: boolean }> = [];

  beforeAll(async () => {
    outcomes = [];
    for (const vignette of cases) outcomes.push(await runCase(vignette));
  }, 120_000);

  afterAll(() => {
    const missing = outcomes.filter((o) => o.missing).map((o) => o.id);
    console.log(`${file} through the bot over HTTP\n${formatScores(score(outcomes))}${missing.length ? `\nno disposition: ${missing.join(', ')}` : ''}`);
  });

  itMeetsVignetteThresholds(() => outcomes);
});
