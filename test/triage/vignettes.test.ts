import { readFileSync } from 'node:fs';
import { createTriageEngine, loadKnowledge } from '../../src/triage';
import { formatScores, parseVignettes, score, type Vignette } from '../../src/triage/vignettes';
import { blindSuites, itMeetsVignetteThresholds, vignetteSuites } from '../support/vignettes';

const engine = createTriageEngine(loadKnowledge());

function run(cases: readonly Vignette[]) {
  // A multi-turn case is a conversation: every turn counts, as it does in the bot.
  return cases.map((c) => ({ id: c.id, gold: c.gold, level: engine.decide(c.turns.map((t) => engine.analyse(t))).level }));
}

describe.each([...vignetteSuites(), ...blindSuites()])('%s through the triage core', (_name, file) => {
  const cases = parseVignettes(readFileSync(file, 'utf8'), file);
  const outcomes = run(cases);
  const scores = score(outcomes);

  afterAll(() => console.log(`${file}\n${formatScores(scores)}`));

  itMeetsVignetteThresholds(() => outcomes);
});
