import { z } from 'zod';
import type { Knowledge } from '../knowledge/load';
import type { TriageEngine } from '../triage';
import { Answer, type Analysis, type Answers, type TopicMatch, type TriageResult } from '../triage/types';
import { noteAsked, noteReported, presentFindings, reportedFindings, type CaseState } from './caseRecord';
import type { ConditionScope } from './conditions';
import type { CommandId, Voice } from './dialogSchema';
import { normalizePhrase } from './phraseSet';
import type { Vocabulary } from './vocabulary';

/**
 * A card button's value (Teams sends `Action.Submit` data as a message `value`):
 * `{ answer: 'yes', question: 'ask_breathing' }` or `{ choice: 'pump', step: 'which' }`.
 */
export const SubmitValue = z.object({
  answer: Answer.optional(),
  question: z.string().max(100).optional(),
  choice: z.string().max(100).optional(),
  step: z.string().max(100).optional(),
});
export type SubmitValue = z.infer<typeof SubmitValue>;

/** What the person sent, read once: everything a condition or a step may ask about the message itself. */
export interface TurnMessage {
  /** The message text (the bot's @mention removed), trimmed. Patient text: never log. */
  readonly text: string;
  /** `text` as word lists match it (see `normalizePhrase`). */
  readonly normalised: string;
  /** A recognised card submit, if the message carried one. */
  readonly submit?: SubmitValue;
  /** The global command the whole message is, if any. */
  readonly command?: CommandId;
  /**
   * The answer the message gives: a button's, the whole message as an answer word, or (when it
   * reports nothing) the word it starts with ("no, thanks").
   */
  readonly answer?: Answer;
  /** The core's reading of `text`. */
  readonly analysis: Analysis;
  /**
   * The topics the message asks about: all of them when it reports nothing, and beside a report only
   * when it asks a question ("I took 20 mg extra" gets no dosing paragraph; "… can I drink?" does).
   */
  readonly askedTopics: readonly TopicMatch[];
  /** Red-flag questions the words already answer ("by mistake"), recorded with the message. */
  readonly impliedAnswers: Readonly<Record<string, Answer>>;
  /** Findings reported as present, each once. */
  readonly present: readonly string[];
  /** `present` without context (knowledge tier `info`). */
  readonly reported: readonly string[];
  /** The whole message is a closing ("no thanks", "thank you so much") or a greeting (`commands.yaml`). */
  readonly closing: boolean;
  readonly greeting: boolean;
  /** It reads as another language. */
  readonly otherLanguage: boolean;
  /** The core placed nothing in it, yet it reads like a report (see `message_unplaced_report`). */
  readonly unplacedReport: boolean;
}

/** What reading a message needs; built once by the bot. */
export interface TurnReaders {
  readonly engine: Pick<TriageEngine, 'analyse' | 'decide'>;
  readonly vocabulary: Vocabulary;
  readonly knowledge: Knowledge;
}

/** What conditions read beside the turn: the session of the conversation. */
export interface ScopeSession {
  readonly voice: Voice;
  readonly lastReplyId?: string;
  readonly case: CaseState;
}

const EMPTY: Analysis = { findings: [], topics: [], isQuestion: false };

/** Reads a message: its text (as sent, trimmed) and the activity's `value` (untrusted). */
export function readMessage(text: string, value: unknown, readers: TurnReaders): TurnMessage {
  // Most messages carry no value: zod's failure (an error with its issues) is built only for one that does.
  const parsed = value === undefined ? undefined : SubmitValue.safeParse(value);
  const submit = parsed?.success === true && (parsed.data.answer !== undefined || parsed.data.choice !== undefined) ? parsed.data : undefined;
  const normalised = normalizePhrase(text);
  const analysis = text === '' ? EMPTY : readers.engine.analyse(text);
  const present = presentFindings(analysis);
  const answer = submit?.answer ?? readers.vocabulary.answerOf(normalised, present.length > 0);
  const { vocabulary } = readers;
  const command = vocabulary.commandOf(normalised);
  const reported = reportedFindings(analysis, readers.knowledge);
  return {
    text,
    normalised,
    ...(submit === undefined ? {} : { submit }),
    ...(command === undefined ? {} : { command }),
    ...(answer === undefined ? {} : { answer }),
    analysis,
    askedTopics: reported.length === 0 || asksSomething(text, analysis, vocabulary) ? analysis.topics : [],
    impliedAnswers: text === '' ? {} : vocabulary.impliedAnswersOf(normalised),
    present,
    reported,
    closing: vocabulary.closings.matchesNormalised(normalised),
    greeting: vocabulary.greetings.matchesNormalised(normalised),
    otherLanguage: reported.length === 0 && vocabulary.otherLanguageOf(normalised, text),
    unplacedReport: unplaced(analysis, reported, normalised, vocabulary),
  };
}

/** Whether a message asks something: a question mark, or a sentence (or clause) that opens with a question word of the knowledge base. */
function asksSomething(text: string, analysis: Analysis, vocabulary: Vocabulary): boolean {
  if (analysis.isQuestion || text.includes('?')) return true;
  return text.split(/[.!;,\n]+|\b(?:and|but|so)\b/i).some((part) => vocabulary.opensQuestion(part));
}

/**
 * Nothing placed (no finding reported or asked about, no topic; context alone, "my pump", or a
 * finding ruled out places nothing), yet a report: words of the body, distress or urgency, or of a person unless the
 * message gives context ("she has a pump" is background, "pump beep he no move" is not).
 */
function unplaced(analysis: Analysis, reported: readonly string[], normalised: string, vocabulary: Vocabulary): boolean {
  if (reported.length > 0 || analysis.topics.length > 0 || analysis.findings.some((f) => f.status === 'hypothetical')) return false;
  if (vocabulary.reportWords.occursInNormalised(normalised)) return true;
  return analysis.findings.length === 0 && vocabulary.personWords.occursInNormalised(normalised);
}

/**
 * One incoming message and the core's decisions about it, built once per activity and handed to
 * the interrupts, the routes, reply reading and every step. The core decides at most three times:
 * the case `before` the message, the case `withMessage` (what routes and interrupts look at), and the
 * case `after` what this turn recorded (what a flow's steps look at), each only when first read and
 * only when it differs from the others; plus, for a reply tagged with the message's own decision,
 * `alone`.
 *
 * What the turn adds to the case goes through `record*`, so that `after` is decided over all of it:
 * recording once `after` has been read is a bug and throws.
 */
export class Turn {
  private readonly reportedBefore: Analysis;
  private readonly answersBefore: Answers;
  private decisions: { before?: TriageResult; withMessage?: TriageResult; after?: TriageResult; alone?: TriageResult } = {};
  /** What this turn recorded: nothing, exactly the message (as `withMessage` counts it), or more. */
  private recorded: 'nothing' | 'message' | 'more' = 'nothing';
  private afterRead = false;

  constructor(
    readonly message: TurnMessage,
    private readonly readers: TurnReaders,
    private readonly caseOf: () => CaseState,
  ) {
    const current = caseOf();
    this.reportedBefore = current.reported;
    this.answersBefore = { ...current.answers };
  }

  /** Whether `withMessage` counts the message: it says something of findings (present, negated or hypothetical). */
  private get countsMessage(): boolean {
    return this.message.analysis.findings.length > 0;
  }

  /** The case before this message. */
  get before(): TriageResult {
    return (this.decisions.before ??= this.readers.engine.decide([this.reportedBefore], this.answersBefore));
  }

  /** The case with this message's findings counted, whether a flow records them or not. */
  get withMessage(): TriageResult {
    if (!this.countsMessage) return this.before;
    return (this.decisions.withMessage ??= this.readers.engine.decide([this.reportedBefore, this.message.analysis], this.answersBefore));
  }

  /** The case as this turn left it: the message, answers and choices recorded. */
  get after(): TriageResult {
    this.afterRead = true;
    if (this.recorded === 'nothing') return this.before;
    if (this.recorded === 'message' && this.countsMessage) return this.withMessage;
    const current = this.caseOf();
    return (this.decisions.after ??= this.readers.engine.decide([current.reported], current.answers));
  }

  /** This message decided on its own (with `topics` in place of its own, for an answer to topics asked earlier). */
  alone(topics?: readonly TopicMatch[]): TriageResult {
    if (topics !== undefined) return this.readers.engine.decide([{ ...this.message.analysis, topics }], {});
    return (this.decisions.alone ??= this.readers.engine.decide([this.message.analysis], {}));
  }

  /**
   * What conditions see: for routes and interrupts (`message`) the case with this message's findings
   * counted; for a flow's steps (`case`) the case as this turn recorded it, with the flow's slots.
   */
  scope(view: 'message' | 'case', session: ScopeSession, slots: Readonly<Record<string, string>> = {}): ConditionScope {
    const { standingAdvice } = session.case;
    const turn = this;
    return {
      get result(): TriageResult {
        return view === 'message' ? turn.withMessage : turn.after;
      },
      get levelBefore() {
        return turn.before.level;
      },
      answers: session.case.answers,
      message: this.message,
      slots,
      voice: session.voice,
      knowledge: this.readers.knowledge,
      ...(session.lastReplyId === undefined ? {} : { lastReply: session.lastReplyId }),
      ...(standingAdvice === undefined ? {} : { standingAdvice }),
    };
  }

  /** Adds the message to the case when it says something of findings, or (`withTopics`) of topics. */
  recordMessage(withTopics = false): void {
    const { findings, topics, correction, modifiers } = this.message.analysis;
    if (findings.length === 0 && correction === undefined && modifiers === undefined && !(withTopics && topics.length > 0)) return;
    const current = this.caseOf();
    // What the words already answer is kept as the person's answer (not as a question asked).
    const implied = Object.entries(this.message.impliedAnswers).filter(([question]) => current.answers[question] === undefined);
    this.mark(findings.length > 0 && implied.length === 0 && this.recorded === 'nothing' ? 'message' : 'more');
    noteReported(current, this.message.analysis, this.readers.knowledge);
    for (const [question, answer] of implied) current.answers[question] = answer;
  }

  /** Adds evidence that is not the message's words (a choice that reports a finding). */
  recordEvidence(analysis: Analysis): void {
    this.mark('more');
    noteReported(this.caseOf(), analysis, this.readers.knowledge);
  }

  /** Records the answer to a red-flag question, and that it was asked. */
  recordAnswer(question: string, answer: Answer): void {
    this.mark('more');
    const current = this.caseOf();
    current.answers[question] = answer;
    noteAsked(current, { id: question, answer });
  }

  private mark(next: 'message' | 'more'): void {
    if (this.afterRead) throw new Error('Turn.record: the case changed after its decision was read this turn; record what a message adds before deciding');
    this.recorded = this.recorded === 'nothing' ? next : 'more';
  }
}
