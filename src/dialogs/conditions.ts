import type { Knowledge } from '../knowledge/load';
import { moreUrgent, urgency } from '../triage/levels';
import type { Answers, Level, TriageResult } from '../triage/types';
import type { StandingAdvice } from './caseRecord';
import type { Condition, Voice } from './dialogSchema';
import type { TurnMessage } from './turn';

/** What a condition can look at. */
export interface ConditionScope {
  /** The decision over the conversation, this message's findings included. */
  readonly result: TriageResult;
  /** The level before this message (the same as `result.level` when it reports nothing). */
  readonly levelBefore?: Level;
  readonly answers: Answers;
  /** This turn's message alone. */
  readonly message: Omit<TurnMessage, 'text' | 'submit' | 'command'>;
  readonly slots: Readonly<Record<string, string>>;
  readonly voice: Voice;
  readonly knowledge: Knowledge;
  /** The id of the bot's last reply before this message (`channelData.replyId`). */
  readonly lastReply?: string;
  /** What the advice shown last was given for, while it stands (see `CaseState.standingAdvice`). */
  readonly standingAdvice?: StandingAdvice;
}

function inGroup(findingIds: readonly string[], group: string, k: Knowledge): boolean {
  return findingIds.some((id) => k.findings.get(id)?.groups.includes(group) === true);
}

/** Whether the decision counts finding `id`. */
function decidedWith(result: TriageResult, id: string): boolean {
  return result.findings.some((f) => f.id === id);
}

/**
 * After advice: this message reports a finding the advice was not given for (context aside: it
 * counts only if it raises the level), or makes the case more urgent than the advice shown.
 */
function changesAdvice(s: ConditionScope): boolean {
  const standing = s.standingAdvice;
  if (standing === undefined || s.message.present.length === 0) return false;
  return moreUrgent(s.result.level, standing.level) || s.message.reported.some((id) => !standing.findings.includes(id));
}

/** Advice has been shown and the case has not gone beyond it: nothing more urgent, no finding it was not given for (context aside). */
function adviceStands(s: ConditionScope): boolean {
  const standing = s.standingAdvice;
  if (standing === undefined) return false;
  if (moreUrgent(s.result.level, standing.level)) return false;
  return s.result.findings.every((f) => standing.findings.includes(f.id) || s.knowledge.findings.get(f.id)?.tier === 'info');
}

/** True when the condition holds. The schema guarantees exactly one key per condition object. */
export function holds(c: Condition, s: ConditionScope): boolean {
  const { message } = s;
  // The combinations first: they are most of the conditions the routes and flows check.
  if (c.all !== undefined) return c.all.every((sub) => holds(sub, s));
  if (c.any !== undefined) return c.any.some((sub) => holds(sub, s));
  if (c.not !== undefined) return !holds(c.not, s);
  if (c.level !== undefined) return c.level.includes(s.result.level);
  if (c.level_at_least !== undefined) return urgency(s.result.level) <= urgency(c.level_at_least);
  if (c.finding !== undefined) return decidedWith(s.result, c.finding);
  if (c.any_finding !== undefined) {
    const { result } = s;
    return c.any_finding.some((id) => decidedWith(result, id));
  }
  if (c.group !== undefined) {
    const { group } = c;
    return s.result.findings.some((f) => s.knowledge.findings.get(f.id)?.groups.includes(group) === true);
  }
  if (c.answer !== undefined) {
    const given = s.answers[c.answer.question];
    return given !== undefined && c.answer.is.includes(given);
  }
  if (c.slot !== undefined) {
    const value = s.slots[c.slot.name];
    return value !== undefined && c.slot.is.includes(value);
  }
  if (c.voice !== undefined) return s.voice === c.voice;
  // Routing counts what is reported; context ("my pump", knowledge tier info) sets no level on its own.
  if (c.message_has_findings !== undefined) return message.reported.length > 0 === c.message_has_findings;
  if (c.message_has_context !== undefined) return message.present.length > message.reported.length === c.message_has_context;
  if (c.message_raises_level !== undefined) return (s.levelBefore !== undefined && moreUrgent(s.result.level, s.levelBefore)) === c.message_raises_level;
  if (c.message_has_topics !== undefined) return message.analysis.topics.length > 0 === c.message_has_topics;
  if (c.message_is_question !== undefined) return message.analysis.isQuestion === c.message_is_question;
  if (c.message_is_closing !== undefined) return message.closing === c.message_is_closing;
  if (c.message_is_greeting !== undefined) return message.greeting === c.message_is_greeting;
  if (c.message_other_language !== undefined) return message.otherLanguage === c.message_other_language;
  if (c.message_unplaced_report !== undefined) return message.unplacedReport === c.message_unplaced_report;
  if (c.message_finding !== undefined) return message.present.includes(c.message_finding);
  if (c.message_group !== undefined) return inGroup(message.present, c.message_group, s.knowledge);
  if (c.message_answer !== undefined) return message.answer !== undefined && c.message_answer.includes(message.answer);
  if (c.message_changes_advice !== undefined) return changesAdvice(s) === c.message_changes_advice;
  if (c.after_reply !== undefined) return s.lastReply !== undefined && c.after_reply.includes(s.lastReply);
  if (c.advice_stands !== undefined) return adviceStands(s) === c.advice_stands;
  throw new Error('holds: a condition with no key reached the interpreter; the dialog schema should have rejected it');
}
