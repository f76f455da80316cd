import type { Knowledge } from '../knowledge/load';
import { addMessage, isContextFinding, type FindingLedger } from '../triage/findingLedger';
import type { Analysis, Answer, Evidence, FindingMatch, Level, TopicMatch } from '../triage/types';

/** The longest evidence kept of the person's words, per finding or topic: enough to explain, bounded whatever they send. */
export const MAX_EVIDENCE_CHARS = 120;

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
   * What every message so far said of findings and topics, folded into one analysis the core decides
   * over as it would over all of them (see `foldAnalysis`): its size is bounded by the knowledge base,
   * not by the length of the conversation. Patient text (evidence): never log.
   */
  reported: Analysis;
  /** Answers to the core's red-flag questions, by question id. */
  answers: Record<string, Answer>;
  /** Questions in the order first asked, each once with its latest answer, for the summary (see `noteAsked`). */
  asked: AskedQuestion[];
  /** Disposition ids shown, each once, in the order last shown, for the summary (see `noteAdvice`). */
  advice: string[];
  /**
   * The advice that stands now, for the `message_changes_advice` condition. None before the first
   * disposition, and none while a flow that ends in a disposition is on its way to the next one.
   */
  standingAdvice?: StandingAdvice;
}

/** An empty case: nothing reported, asked or advised yet. */
export function newCase(): CaseState {
  return { reported: NOTHING, answers: {}, asked: [], advice: [] };
}

const NOTHING: Analysis = { findings: [], topics: [], isQuestion: false };

function bounded(evidence: Evidence): Evidence {
  return evidence.text.length <= MAX_EVIDENCE_CHARS ? evidence : { ...evidence, text: `${evidence.text.slice(0, MAX_EVIDENCE_CHARS - 1)}…` };
}

function boundedFinding(f: FindingMatch): FindingMatch {
  return { ...f, evidence: bounded(f.evidence), ...(f.trigger === undefined ? {} : { trigger: bounded(f.trigger) }) };
}

/**
 * `kept` and `next` as one analysis that the core decides over as it would over both, in order (see
 * `mergeFindings` in src/triage/decide.ts): the findings present now (a later denial or "years ago"
 * takes one back, and a correction such as "false alarm" takes back all but context; modifiers of
 * every match kept), the first denial of each finding, the first
 * question about each, and each topic once. Evidence is cut to `MAX_EVIDENCE_CHARS`.
 */
export function foldAnalysis(kept: Analysis, next: Analysis, knowledge: Pick<Knowledge, 'findings' | 'modifiers'>): Analysis {
  const ledger: FindingLedger = { present: new Map(), ruledOut: new Map() };
  const asked = new Map<string, FindingMatch>();
  for (const f of kept.findings) {
    if (f.status === 'present') ledger.present.set(f.id, f);
    else if (f.status === 'negated') ledger.ruledOut.set(f.id, f);
    else if (f.status === 'hypothetical') asked.set(f.id, f);
  }
  addMessage(ledger, next, knowledge, boundedFinding);
  for (const f of next.findings) if (f.status === 'hypothetical' && !asked.has(f.id)) asked.set(f.id, boundedFinding(f));
  const { present, ruledOut: negated } = ledger;
  const topics: TopicMatch[] = [...kept.topics];
  for (const t of next.topics) {
    const i = topics.findIndex((k) => k.id === t.id);
    // A topic counts as asked in general only while every message asked it so.
    if (i === -1) topics.push({ ...t, evidence: bounded(t.evidence) });
    else if (topics[i].general === true && t.general !== true) topics[i] = { ...t, evidence: bounded(t.evidence) };
  }
  return { findings: [...present.values(), ...negated.values(), ...asked.values()], topics, isQuestion: false };
}

/** Adds what a message (or a choice) reported to the case. */
export function noteReported(caseState: CaseState, analysis: Analysis, knowledge: Pick<Knowledge, 'findings' | 'modifiers'>): void {
  caseState.reported = foldAnalysis(caseState.reported, analysis, knowledge);
}

/** Records that a question was asked and how it was answered: once per question, the latest answer. */
export function noteAsked(caseState: CaseState, asked: AskedQuestion): void {
  const i = caseState.asked.findIndex((a) => a.id === asked.id);
  if (i === -1) caseState.asked.push(asked);
  else caseState.asked[i] = asked;
}

/** Records a disposition shown: each once, the latest last. */
export function noteAdvice(caseState: CaseState, dispositionId: string): void {
  caseState.advice = [...caseState.advice.filter((id) => id !== dispositionId), dispositionId];
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
  return presentFindings(analysis).filter((id) => !isContextFinding(knowledge, id));
}
