import type { Knowledge } from '../knowledge/load';
import { analyse } from './analyse';
import { compileKnowledge } from './compile';
import { decide } from './decide';
import type { Analysis, Answers, TriageResult } from './types';

/** The triage core: text in, findings and a disposition out. No I/O, no botbuilder. */
export interface TriageEngine {
  readonly knowledge: Knowledge;
  readonly contentVersion: string;
  /** Reads one message. */
  analyse(text: string): Analysis;
  /** Decides over all of a conversation's messages and screening answers. */
  decide(analyses: readonly Analysis[], answers?: Answers): TriageResult;
  /** One message, decided on its own. */
  triage(text: string, answers?: Answers): TriageResult;
}

/** Compiles the knowledge base once and returns the engine that uses it. */
export function createTriageEngine(knowledge: Knowledge): TriageEngine {
  const compiled = compileKnowledge(knowledge);
  return {
    knowledge,
    contentVersion: knowledge.version,
    analyse: (text) => analyse(compiled, text),
    decide: (analyses, answers = {}) => decide(knowledge, analyses, answers),
    triage: (text, answers = {}) => decide(knowledge, [analyse(compiled, text)], answers),
  };
}
