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

  it('quotes as evidence only words the person typed, in the message they typed them', () => {
    const misquoted = cases.flatMap((c) => {
      const result = engine.decide(c.turns.map((t) => engine.analyse(t)));
      const quotes = [...result.findings, ...result.ruledOut].flatMap((f) => [f.evidence, ...(f.trigger === undefined ? [] : [f.trigger])]);
      return quotes.filter((e) => !c.turns.some((t) => t.slice(e.start, e.end) === e.text)).map((e) => `${c.id}: "${e.text}"`);
    });
    expect(misquoted).toEqual([]);
  });
});
