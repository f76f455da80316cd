import type { Knowledge } from '../knowledge/load';
import type { Analysis, Answer, Level } from '../triage/types';

/** One screening question asked in this conversation and the answer recorded. */
export interface AskedQuestion {
  /** A knowledge question id, or `<flow>.<step>` for a flow's own yes/no or choice prompt. */
  readonly id: string;
  readonly answer: string;
}

/** What the advice shown last was given for: a later message that goes beyond it calls for new advice. */
export interface StandingAdvice {
  /** The level of the disposition shown (a flow's floor included). */
  readonly level: Level;
  /** The finding ids the decision counted. */
  readonly findings: readonly string[];
}

/** What the conversation has established so far: the triage core decides over all of it. Plain JSON. */
export interface CaseState {
  /**
   * What every message so far reported (present, negated or hypothetical findings, and topics), as
   * the core's input. Patient text (evidence): never log.
   */
  analyses: Analysis[];
  /** Answers to the core's red-flag questions, by question id. */
  answers: Record<string, Answer>;
  /** Questions in the order asked, for the summary. */
  asked: AskedQuestion[];
  /** Disposition ids shown, in order, for the summary. */
  advice: string[];
  /**
   * The advice that stands now, for the `message_changes_advice` condition. None before the first
   * disposition, and none while a flow that ends in a disposition is on its way to the next one.
   */
  standingAdvice?: StandingAdvice;
}

/** An empty case: nothing reported, asked or advised yet. */
export function newCase(): CaseState {
  return { analyses: [], answers: {}, asked: [], advice: [] };
}

/** Findings the person reports as present in a message, each once. */
export function presentFindings(analysis: Analysis): string[] {
  return [...new Set(analysis.findings.filter((f) => f.status === 'present').map((f) => f.id))];
}

/**
 * Findings the person reports as present, leaving out context (knowledge tier `info`, e.g. "my
 * pump"): context sets no level on its own and counts only through the core's combination rules.
 */
export function reportedFindings(analysis: Analysis, knowledge: Pick<Knowledge, 'findings'>): string[] {
  return presentFindings(analysis).filter((id) => knowledge.findings.get(id)?.tier !== 'info');
}
