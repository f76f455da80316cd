import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTriageEngine, loadKnowledge } from '../../src/triage';
import { formatScores, parseVignettes, score, type Vignette } from '../../src/triage/vignettes';

const ROOT = resolve(__dirname, '..', '..');
const PUBLIC = resolve(ROOT, '..', 'shared', 'vignettes', 'public.jsonl');
const OWN = join(ROOT, 'test', 'vignettes');

const engine = createTriageEngine(loadKnowledge());

function run(cases: readonly Vignette[]) {
  // A multi-turn case is a conversation: every turn counts, as it does in the bot.
  return cases.map((c) => ({ id: c.id, gold: c.gold, level: engine.decide(c.turns.map((t) => engine.analyse(t))).level }));
}

const suites: Array<[string, string]> = [];
if (existsSync(PUBLIC)) suites.push(['public vignettes', PUBLIC]);
else if (process.env.CI) throw new Error(`The public vignettes are missing at ${PUBLIC}; CI must have shared/ beside the clone.`);
if (existsSync(OWN)) {
  for (const file of readdirSync(OWN).filter((f) => f.endsWith('.jsonl'))) suites.push([`own cases ${file}`, join(OWN, file)]);
}

describe.each(suites)('%s through the triage core', (_name, file) => {
  const cases = parseVignettes(readFileSync(file, 'utf8'), file);
  const outcomes = run(cases);
  const scores = score(outcomes);

  afterAll(() => console.log(`${file}\n${formatScores(scores)}`));

  it('sends every emergency to emergency care', () => {
    expect(outcomes.filter((o) => o.gold === 'emergency' && o.level !== 'emergency')).toEqual([]);
  });

  it('never gives an urgent or emergency case a lower level', () => {
    expect(scores.underTriage.filter((o) => o.gold === 'urgent' || o.gold === 'emergency')).toEqual([]);
  });

  it('gives at least 90% of cases their exact level', () => {
    expect(scores.exact / scores.total).toBeGreaterThanOrEqual(0.9);
  });
});
