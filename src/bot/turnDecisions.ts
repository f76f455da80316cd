import type { TurnContext } from 'botbuilder';
import type { TriageEngine } from '../triage';
import type { Analysis, Answers, TriageResult } from '../triage/types';

const DECISIONS = Symbol('triageBot.decisions');
const ANALYSIS_IDS = new WeakMap<Analysis, number>();
let nextAnalysisId = 0;

function idOf(analysis: Analysis): number {
  let id = ANALYSIS_IDS.get(analysis);
  if (id === undefined) {
    id = nextAnalysisId++;
    ANALYSIS_IDS.set(analysis, id);
  }
  return id;
}

/**
 * The core's decision over these analyses and answers, decided once per turn: the interrupts, the
 * routes and every step of a flow ask about the same conversation, and the answer changes only when
 * an analysis or an answer is added. Keyed on the analyses themselves (by identity) and the answers.
 */
export function decideOnce(context: TurnContext, engine: Pick<TriageEngine, 'decide'>, analyses: readonly Analysis[], answers: Answers): TriageResult {
  let cache = context.turnState.get(DECISIONS) as Map<string, TriageResult> | undefined;
  if (cache === undefined) {
    cache = new Map();
    context.turnState.set(DECISIONS, cache);
  }
  const key = `${analyses.map(idOf).join(',')}|${JSON.stringify(answers)}`;
  let result = cache.get(key);
  if (result === undefined) {
    result = engine.decide(analyses, answers);
    cache.set(key, result);
  }
  return result;
}
