import type { TriageEngine } from '../triage';
import type { Analysis } from '../triage/types';

/** Longest message kept: answers and asides ("no", "yes he is", "not sure"), not reports. */
const MAX_KEPT_LENGTH = 24;
/** Most readings kept; past it the cache starts again. */
const MAX_KEPT = 256;

/**
 * The engine with its reading of short messages kept. Most turns answer a question, and answers
 * are a few words that come again and again ("No", "Yes", "I don't know"); reading one costs about
 * as much as reading a sentence, since the work per message is mostly fixed. `analyse` is a pure
 * function of the text, so a kept reading is the reading; each caller gets its own copy, since the
 * case record keeps what it is given.
 */
export function withShortAnswerReadings(engine: TriageEngine): TriageEngine {
  const kept = new Map<string, Analysis>();
  return {
    knowledge: engine.knowledge,
    contentVersion: engine.contentVersion,
    decide: (analyses, answers) => engine.decide(analyses, answers),
    triage: (text, answers) => engine.triage(text, answers),
    analyse: (text) => {
      if (text.length > MAX_KEPT_LENGTH) return engine.analyse(text);
      let analysis = kept.get(text);
      if (analysis === undefined) {
        analysis = engine.analyse(text);
        if (kept.size >= MAX_KEPT) kept.clear();
        kept.set(text, analysis);
      }
      return structuredClone(analysis);
    },
  };
}
