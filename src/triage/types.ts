import { z } from 'zod';
import type { Level } from '../knowledge/schema';

export type { Level } from '../knowledge/schema';

/** The answers to a yes/no question, in the order the buttons show them. */
export const ANSWERS = ['yes', 'no', 'unsure'] as const;
/** An answer to a yes/no screening question. "unsure" counts as yes: with no clear answer we err towards urgency. */
export const Answer = z.enum(ANSWERS);
export type Answer = z.infer<typeof Answer>;
/** True when `value` is one of `ANSWERS`. */
export const isAnswer = (value: string): value is Answer => (ANSWERS as readonly string[]).includes(value);
export type Answers = Readonly<Record<string, Answer>>;

/** Where in the person's text a finding, modifier or trigger was seen, and which rule saw it. */
export interface Evidence {
  /** The matched words as the person wrote them. Patient text: never log it. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** e.g. `phrase "can't breathe"`, `typo "sezure" for "seizure"`, `answer yes to ask_breathing`. */
  readonly rule: string;
}

/**
 * How a finding stands in its sentence. Only `present` findings count towards the level:
 * `negated` is ruled out ("no fever"), `hypothetical` only asked about ("what are the signs of…"),
 * `historical` over ("I had a seizure years ago").
 */
export type FindingStatus = 'present' | 'negated' | 'hypothetical' | 'historical';

export interface FindingMatch {
  readonly id: string;
  readonly status: FindingStatus;
  readonly evidence: Evidence;
  /** Modifier ids seen in the same sentence ("mild", "persistent"). */
  readonly modifiers: readonly string[];
  /** The negation or hypothetical trigger that set the status, when not present. */
  readonly trigger?: Evidence;
  /** Set when the finding comes from the answer to a screening question rather than the person's words. */
  readonly answered?: { readonly question: string; readonly answer: Answer };
}

export interface TopicMatch {
  readonly id: string;
  readonly evidence: Evidence;
  /** Asked only to know ("for our care-home policy", "just curious"): answered, not referred on. */
  readonly general?: true;
  /** Said as the person's own ("my kidney is not good"): never general, whatever else the message says. */
  readonly own?: true;
}

/** What the understanding step read in one message. */
export interface Analysis {
  readonly findings: readonly FindingMatch[];
  readonly topics: readonly TopicMatch[];
  /** True when the message asks a question and reports nothing that sets a level on its own. */
  readonly isQuestion: boolean;
  /**
   * The words by which the message takes back what earlier messages reported ("false alarm", "that
   * was years ago"): their findings, context aside, no longer count.
   */
  readonly correction?: Evidence;
  /**
   * Modifiers said of the whole message ("going on 5 weeks now", "missing meals") in a message that
   * reports no finding of its own: they describe what earlier messages reported.
   */
  readonly modifiers?: readonly string[];
}

/** One step of the explanation: which rule gave which level, from which findings. */
export interface Reason {
  /** `finding:<id>`, `modifier:<finding>:<modifier>`, `rule:<id>`, `topic:<id>` or `default`. */
  readonly rule: string;
  readonly level: Level;
  readonly findings: readonly string[];
  /** Plain-words explanation from the content. */
  readonly why: string;
}

/** The disposition for a set of findings and answers. */
export interface TriageResult {
  readonly level: Level;
  readonly category: string;
  /** Findings that count, with their evidence (from text or from answers). */
  readonly findings: readonly FindingMatch[];
  /** Findings the person ruled out ("no trouble breathing"), kept to explain what was not counted. */
  readonly ruledOut: readonly FindingMatch[];
  /** Every rule that fired, most urgent first; the first one decided the level. */
  readonly reasons: readonly Reason[];
  /** Red-flag question ids still worth asking, because a "yes" would raise the level. Empty for emergencies. */
  readonly questions: readonly string[];
  /** For each of `questions`, the level a "yes" would give: questions of one level can be asked together. */
  readonly questionLevels: Readonly<Record<string, Level>>;
  readonly topics: readonly string[];
  /** The id of the disposition text in knowledge/advice.yaml. */
  readonly dispositionId: string;
  readonly contentVersion: string;
}
