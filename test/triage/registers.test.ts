import { createTriageEngine, loadKnowledge } from '../../src/triage';
import { REGISTER_ROWS } from './registerSentences';

/**
 * Every rubric row, said the ways the six kinds of writer in issue 8 say it, reaches the rubric's
 * level; the same words negated, placed in the past or asked about do not.
 */
const engine = createTriageEngine(loadKnowledge());

describe.each(REGISTER_ROWS.map((r) => [r.row, r] as const))('%s', (_row, { sentences }) => {
  it.each(sentences)('%s: "%s"', (level, text) => {
    expect(engine.triage(text).level).toBe(level);
  });
});
