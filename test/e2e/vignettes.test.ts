import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LEVELS, type Level } from '../../src/triage';
import { formatScores, parseVignettes, score, type Outcome, type Vignette } from '../../src/triage/vignettes';
import { lastTriage } from './emulatorClient';
import { converse, startBot, type RunningBot } from './botHarness';

/**
 * Every vignette through the WHOLE bot over HTTP, one conversation per case: each turn sent as the
 * Emulator sends it, then "No" to every yes/no question (first choice of any other choice) until the
 * bot stops asking. The level is the last disposition's channelData.triage.level. Same thresholds
 * as the core's vignette test.
 */

const ROOT = resolve(__dirname, '..', '..');
const PUBLIC = resolve(ROOT, '..', 'shared', 'vignettes', 'public.jsonl');
const OWN = join(ROOT, 'test', 'vignettes');

const suites: Array<[string, string]> = [];
if (existsSync(PUBLIC)) suites.push(['public vignettes', PUBLIC]);
else if (process.env.CI) throw new Error(`The public vignettes are missing at ${PUBLIC}; CI must have shared/ beside the clone.`);
if (existsSync(OWN)) {
  for (const file of readdirSync(OWN).filter((f) => f.endsWith('.jsonl'))) suites.push([`own cases ${file}`, join(OWN, file)]);
}

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

describe.each(suites)('%s through the whole bot over HTTP', (_name, file) => {
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

  it('ran every case', () => {
    expect(outcomes).toHaveLength(cases.length);
  });

  it('sends every emergency to emergency care', () => {
    expect(outcomes.filter((o) => o.gold === 'emergency' && o.level !== 'emergency')).toEqual([]);
  });

  it('never gives an urgent or emergency case a lower level', () => {
    expect(score(outcomes).underTriage.filter((o) => o.gold === 'urgent' || o.gold === 'emergency')).toEqual([]);
  });

  it('gives at least 90% of cases their exact level', () => {
    const scores = score(outcomes);
    expect(scores.exact / scores.total).toBeGreaterThanOrEqual(0.9);
  });
});
