import { z } from 'zod';
import { Id, LEVELS, Level, TwoVoices } from '../knowledge/schema';
import { Answer } from '../triage/types';

/**
 * Schemas of the files in `dialogs/`: the conversation kept as data, Rasa-flow style.
 *
 * Every object is strict (unknown keys are rejected and the valid ones named), every file has a
 * `version`, and everything the bot says carries both voices (`patient` and `staff`) so a prompt
 * cannot ship with one missing. Ids that point into `knowledge/` are checked separately, against the
 * loaded knowledge (see `checkDialogs.ts`).
 */

/** Who the bot is talking to: a patient or carer, or helpline staff using the flows as a call script. */
export const VOICES = ['patient', 'staff'] as const;
export const Voice = z.enum(VOICES);
export type Voice = z.infer<typeof Voice>;

const Version = z.union([z.string().min(1), z.number()]).transform(String);
const Phrase = z.string().trim().min(1);

// ---------------------------------------------------------------------------------------------
// Conditions (`if:` of routes and `next:` rules, `when:` of steps)
// ---------------------------------------------------------------------------------------------

/**
 * One condition. Each object holds exactly one key; combine with `all`, `any` and `not`.
 * `level`, `level_at_least`, `finding`, `any_finding`, `group` and `answer` look at the conversation's
 * decision so far; `message_*` look at the message of this turn only (`message_changes_advice` at it
 * beside the advice shown last); `after_reply` at what the bot said last before it.
 */
export interface Condition {
  readonly level?: readonly Level[];
  readonly level_at_least?: Level;
  readonly finding?: string;
  readonly any_finding?: readonly string[];
  readonly group?: string;
  readonly answer?: { readonly question: string; readonly is: readonly Answer[] };
  readonly slot?: { readonly name: string; readonly is: readonly string[] };
  readonly voice?: Voice;
  readonly message_has_findings?: boolean;
  readonly message_has_context?: boolean;
  readonly message_raises_level?: boolean;
  readonly message_has_topics?: boolean;
  readonly message_is_question?: boolean;
  readonly message_is_closing?: boolean;
  readonly message_is_greeting?: boolean;
  readonly message_other_language?: boolean;
  readonly message_unplaced_report?: boolean;
  readonly message_finding?: string;
  readonly message_group?: string;
  readonly message_answer?: readonly Answer[];
  readonly message_changes_advice?: boolean;
  readonly after_reply?: readonly string[];
  readonly advice_stands?: boolean;
  readonly all?: readonly Condition[];
  readonly any?: readonly Condition[];
  readonly not?: Condition;
}

export const CONDITION_KEYS = [
  'level', 'level_at_least', 'finding', 'any_finding', 'group', 'answer', 'slot', 'voice',
  'message_has_findings', 'message_has_context', 'message_raises_level', 'message_has_topics', 'message_is_question', 'message_is_closing',
  'message_is_greeting', 'message_other_language', 'message_unplaced_report',
  'message_finding', 'message_group', 'message_answer', 'message_changes_advice', 'after_reply', 'advice_stands', 'all', 'any', 'not',
] as const;

/** A reply id: `flow.step` for what a flow step says, or a message id of `messages.yaml`. */
const ReplyId = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/, 'a reply id is "<flow>.<step>" or a message id, in snake_case');

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      level: z.array(Level).min(1).optional(),
      level_at_least: Level.optional(),
      finding: Id.optional(),
      any_finding: z.array(Id).min(1).optional(),
      group: Id.optional(),
      answer: z.strictObject({ question: Id, is: z.array(Answer).min(1) }).optional(),
      slot: z.strictObject({ name: Id, is: z.array(Id).min(1) }).optional(),
      voice: Voice.optional(),
      /** The message reports a finding as present; context alone (knowledge tier `info`, "my pump") does not count. */
      message_has_findings: z.boolean().optional(),
      /** The message mentions context as present: a finding of knowledge tier `info` ("my pump"). */
      message_has_context: z.boolean().optional(),
      /** With this message the case is more urgent than before it (context can do it through a rule). */
      message_raises_level: z.boolean().optional(),
      message_has_topics: z.boolean().optional(),
      message_is_question: z.boolean().optional(),
      message_is_closing: z.boolean().optional(),
      /** The whole message is a greeting ("hello", "good morning"). */
      message_is_greeting: z.boolean().optional(),
      /** The message reads as another language (words of `other_language_words`, or mostly another script). */
      message_other_language: z.boolean().optional(),
      /**
       * The core placed nothing in the message (no finding reported or asked about, no topic), yet it reads like a report: a word of `report_words` (the body, distress, urgency) is
       * in it, or of `person_words` when it gives no context either.
       */
      message_unplaced_report: z.boolean().optional(),
      message_finding: Id.optional(),
      message_group: Id.optional(),
      /** The message is, or starts with, one of these answer words of `commands.yaml` ("yes", "yes, one thing"). */
      message_answer: z.array(Answer).min(1).optional(),
      /**
       * Advice has been shown and this message goes beyond it: a finding it was not given for, or a
       * more urgent level. Never before the first advice, nor while a flow works towards the next.
       */
      message_changes_advice: z.boolean().optional(),
      /** The bot's last reply before this message was one of these (e.g. `wrap_up.anything_else`). */
      after_reply: z.array(ReplyId).min(1).optional(),
      /**
       * Advice has been shown and still fits the case: nothing more urgent since, and no finding it was
       * not given for. For a flow that gives advice early (poison control first) and again only if the
       * questions after it change it.
       */
      advice_stands: z.boolean().optional(),
      all: z.array(Condition).min(1).optional(),
      any: z.array(Condition).min(1).optional(),
      not: Condition.optional(),
    })
    .superRefine((c, ctx) => {
      const keys = Object.keys(c).filter((k) => c[k as keyof typeof c] !== undefined);
      if (keys.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: `a condition holds exactly one of ${CONDITION_KEYS.join(', ')} (found ${keys.length === 0 ? 'none' : keys.join(', ')}); combine several with "all" or "any"`,
        });
      }
    }),
);

// ---------------------------------------------------------------------------------------------
// Flow steps
// ---------------------------------------------------------------------------------------------

/** A reply the person can pick in an `ask_choice` step. */
export const Choice = z.strictObject({
  id: Id,
  label: TwoVoices,
  /** Other words that pick this choice when typed. */
  synonyms: z.array(Phrase).default([]),
  /** A finding this choice reports (e.g. "the pump alarm is sounding" → `pump_alarm`). */
  adds_finding: Id.optional(),
});
export type Choice = z.infer<typeof Choice>;

const Prompt = z.strictObject({
  prompt: TwoVoices,
  /** What staff listen for in the caller's answer; shown under the staff prompt. */
  listen_for: z.string().trim().min(1),
  /** Where the answer is kept, for `slot` conditions and the summary. */
  slot: Id,
  /** List the question and answer on the summary card (not for questions about the conversation itself). */
  in_summary: z.boolean().default(true),
});

/** A flow's own yes/no prompt. */
const YesNoPrompt = Prompt.extend({
  /**
   * Offer "Not sure" as a button (the default). Off where it does not fit, as for an offer ("would you
   * like a summary?"). A typed "not sure" is still kept as `unsure`: the flow's conditions say what it
   * means there. A red-flag `question` always offers it, and counts it as yes.
   */
  offer_unsure: z.boolean().default(true),
  /**
   * The question and its buttons on one card, so the buttons never sit under a question scrolled out
   * of view (after a long advice card). Off: buttons as suggested actions under the message.
   */
  on_card: z.boolean().default(false),
});

export const NextRule = z.strictObject({
  if: Condition.optional(),
  /** A step id of the same flow, or `end`. */
  goto: Id,
});

const STEP_ACTIONS = [
  'say', 'ask_text', 'ask_yes_no', 'ask_choice', 'screen', 'dispose', 'answer_topics', 'summary', 'next', 'link', 'end',
] as const;

const RawStep = z
  .strictObject({
    /** Stable snake_case id, unique in the flow: `goto` targets it and stored state points at it. */
    id: Id,
    /** Run this step only when the condition holds; otherwise go on to the next step. */
    when: Condition.optional(),
    /** Send a message. `triage: true` attaches the current decision as `channelData.triage`. */
    say: TwoVoices.extend({ triage: z.boolean().default(false) }).optional(),
    /** Ask for free text; the text is read for findings and added to the conversation. */
    ask_text: Prompt.optional(),
    /** Ask a yes/no question: a red-flag `question` from knowledge, or a flow prompt kept in a slot. */
    ask_yes_no: z
      .union([z.strictObject({ question: Id }), YesNoPrompt])
      .optional(),
    /** Ask to pick one of a few replies (suggested actions); typed labels and synonyms work too. */
    ask_choice: Prompt.extend({ choices: z.array(Choice).min(2) }).optional(),
    /**
     * Ask the core's red-flag questions while it has any, deciding again after each answer: the most
     * decisive first; where several would give the same most urgent level, one combined check ("Is
     * any of these happening now?") and which one only after a yes. `max_questions` counts every
     * question the flow asks before its advice. Questions about findings of an `ask_alone` category
     * (self-harm, an overdose on purpose) are asked on their own, calmly and directly; so are
     * questions about background (a finding of tier `info`, "has a pump"), which is not "happening now".
     */
    screen: z
      .strictObject({ max_questions: z.number().int().positive().default(3), ask_alone: z.array(Id).default([]) })
      .optional(),
    /**
     * Show the disposition for the conversation so far. `at_least` names a disposition that is shown
     * instead when the core's decision is less urgent (a floor, never a ceiling).
     */
    dispose: z.strictObject({ at_least: Id.optional() }).optional(),
    /**
     * Answer the topics of the message that started the flow, or the topics named here.
     * `triage: true` attaches the decision for those topics as `channelData.triage`.
     */
    answer_topics: z.strictObject({ topics: z.array(Id).optional(), triage: z.boolean().default(false) }).optional(),
    /** Show the summary card (time, level, findings, questions and answers, advice, content version). */
    summary: z.strictObject({}).optional(),
    /** Jump: the first rule whose `if` holds (or that has none) wins; none → the next step. */
    next: z.array(NextRule).min(1).optional(),
    /** Go on with another flow (Rasa's `link`); this one ends. */
    link: Id.optional(),
    /** End the flow. */
    end: z.strictObject({}).optional(),
  })
  .superRefine((s, ctx) => {
    const actions = STEP_ACTIONS.filter((a) => s[a] !== undefined);
    if (actions.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a step holds exactly one of ${STEP_ACTIONS.join(', ')} (found ${actions.length === 0 ? 'none' : actions.join(', ')})`,
      });
    }
  });

type RawStep = z.infer<typeof RawStep>;
type PromptSpec = z.infer<typeof Prompt>;
type YesNoPromptSpec = z.infer<typeof YesNoPrompt>;

interface StepBase {
  readonly id: string;
  readonly when?: Condition;
}

/** A step of a flow, tagged by what it does. */
export type FlowStep = StepBase &
  (
    | { readonly kind: 'say'; readonly say: TwoVoices & { readonly triage: boolean } }
    | { readonly kind: 'ask_text'; readonly ask: PromptSpec }
    | { readonly kind: 'ask_question'; readonly question: string }
    | { readonly kind: 'ask_yes_no'; readonly ask: YesNoPromptSpec }
    | { readonly kind: 'ask_choice'; readonly ask: PromptSpec & { readonly choices: readonly Choice[] } }
    | { readonly kind: 'screen'; readonly maxQuestions: number; readonly askAlone: readonly string[] }
    | { readonly kind: 'dispose'; readonly atLeast?: string }
    | { readonly kind: 'answer_topics'; readonly topics?: readonly string[]; readonly triage: boolean }
    | { readonly kind: 'summary' }
    | { readonly kind: 'next'; readonly rules: readonly z.infer<typeof NextRule>[] }
    | { readonly kind: 'link'; readonly flow: string }
    | { readonly kind: 'end' }
  );

function tagStep(s: RawStep): FlowStep {
  const base: StepBase = s.when === undefined ? { id: s.id } : { id: s.id, when: s.when };
  if (s.say) return { ...base, kind: 'say', say: s.say };
  if (s.ask_text) return { ...base, kind: 'ask_text', ask: s.ask_text };
  if (s.ask_yes_no) {
    return 'question' in s.ask_yes_no
      ? { ...base, kind: 'ask_question', question: s.ask_yes_no.question }
      : { ...base, kind: 'ask_yes_no', ask: s.ask_yes_no };
  }
  if (s.ask_choice) return { ...base, kind: 'ask_choice', ask: s.ask_choice };
  if (s.screen) return { ...base, kind: 'screen', maxQuestions: s.screen.max_questions, askAlone: s.screen.ask_alone };
  if (s.dispose) return s.dispose.at_least === undefined ? { ...base, kind: 'dispose' } : { ...base, kind: 'dispose', atLeast: s.dispose.at_least };
  if (s.answer_topics) {
    const { topics, triage } = s.answer_topics;
    return topics === undefined ? { ...base, kind: 'answer_topics', triage } : { ...base, kind: 'answer_topics', topics, triage };
  }
  if (s.summary) return { ...base, kind: 'summary' };
  if (s.next) return { ...base, kind: 'next', rules: s.next };
  if (s.link !== undefined) return { ...base, kind: 'link', flow: s.link };
  return { ...base, kind: 'end' };
}

export const FlowStep = RawStep.transform(tagStep);

/** One dialog tree: `dialogs/flows/<id>.yaml`. */
export const FlowFile = z.strictObject({
  version: Version,
  id: Id,
  /** For the call script's contents page. */
  title: z.string().trim().min(1),
  description: z.string().trim().min(1),
  steps: z.array(FlowStep).min(1),
});
export type FlowFile = z.infer<typeof FlowFile>;
export type Flow = FlowFile;

// ---------------------------------------------------------------------------------------------
// Routes: which flow a message starts, and what interrupts any flow
// ---------------------------------------------------------------------------------------------

export const Route = z.strictObject({
  id: Id,
  if: Condition,
  flow: Id,
});
export type Route = z.infer<typeof Route>;

/** `dialogs/routes.yaml`. */
export const RoutesFile = z.strictObject({
  version: Version,
  /** Checked on every message, whatever flow is active; a match cancels it and starts `flow`. */
  interrupts: z.array(Route).min(1),
  /** Checked in order on a message that arrives with no flow active; the first match wins. */
  routes: z.array(Route).min(1),
  /** The flow for a message no route matched. */
  fallback: Id,
});
export type RoutesFile = z.infer<typeof RoutesFile>;

// ---------------------------------------------------------------------------------------------
// Commands and answer words
// ---------------------------------------------------------------------------------------------

/** What each global command does; the words for it are data. */
export const COMMANDS = ['help', 'restart', 'cancel', 'staff_mode', 'patient_mode'] as const;
export type CommandId = (typeof COMMANDS)[number];

/** `dialogs/commands.yaml`: whole-message words, matched ignoring case and punctuation. */
export const CommandsFile = z.strictObject({
  version: Version,
  commands: z.strictObject({
    help: z.array(Phrase).min(1),
    restart: z.array(Phrase).min(1),
    cancel: z.array(Phrase).min(1),
    staff_mode: z.array(Phrase).min(1),
    patient_mode: z.array(Phrase).min(1),
    /** Not a dialog command: src/audit/forgetMe.ts handles it before the dialogs run. */
    forget_me: z.array(Phrase).min(1).optional(),
  }),
  /** Typed answers to a yes/no question. "unsure" counts as yes. */
  answers: z.strictObject({
    yes: z.array(Phrase).min(1),
    no: z.array(Phrase).min(1),
    unsure: z.array(Phrase).min(1),
  }),
  /**
   * Answer words that may open an answer carrying more ("no I'm awake, just drowsy", "yes, about four
   * tablets"): the answer counts, and what else the message reports is added. Each must be a typed
   * answer above. Not "he is" or "I am": "he is confused" reports, it does not answer.
   */
  detail_answers: z.array(Phrase).min(1),
  /**
   * Words that answer a red-flag question before it is asked ("by mistake" answers "was it on
   * purpose?" with no): a message that holds one (not negated) records the answer, and the question
   * is not asked. Only what the person plainly said; never a guess.
   */
  implied_answers: z
    .strictObject({
      /** Words that, right before a phrase, take it back ("not by mistake"). */
      not_after: z.array(Phrase).default([]),
      answers: z.array(z.strictObject({ question: Id, answer: Answer, phrases: z.array(Phrase).min(1) })).default([]),
    })
    .default({ not_after: [], answers: [] }),
  /** "Nothing else" replies, for the `message_is_closing` condition. */
  closings: z.array(Phrase).min(1),
  /** Whole-message greetings, for `message_is_greeting`. */
  greetings: z.array(Phrase).min(1),
  /** Words anywhere in a message that make it read like a report (the body, distress, urgency), for `message_unplaced_report`. */
  report_words: z.array(Phrase).min(1),
  /** Words for a person ("my husband", "she"): a report too, unless the message gives context ("she has a pump"). */
  person_words: z.array(Phrase).min(1),
  /** Common words of other languages that are not English words, for `message_other_language`. */
  other_language_words: z.array(Phrase).min(1),
});
export type CommandsFile = z.infer<typeof CommandsFile>;

// ---------------------------------------------------------------------------------------------
// Messages and labels
// ---------------------------------------------------------------------------------------------

export const MESSAGE_IDS = [
  'welcome', 'help', 'restarted', 'cancelled', 'content_updated', 'text_only', 'error',
  'staff_mode_on', 'patient_mode_on', 'staff_mode_refused', 'yes_no_reprompt', 'choice_reprompt', 'noted',
  'emergency_reminder', 'forgotten',
] as const;
export type MessageId = (typeof MESSAGE_IDS)[number];

/** The reply id of a topic answered while a question is pending (the question is then asked again). */
export const TOPIC_ASIDE_REPLY_ID = 'topic_answer';

const LABEL_IDS = [
  'yes', 'no', 'unsure', 'what_to_do_now', 'why', 'safety_net', 'ruled_out', 'summary_title',
  'summary_time', 'summary_level', 'summary_findings', 'summary_questions', 'summary_advice',
  'summary_version', 'none', 'forget_me', 'any_yes', 'any_no', 'more_to_do',
] as const;
export type LabelId = (typeof LABEL_IDS)[number];

const TEMPLATE_IDS = [
  'listen_for', 'finding_evidence', 'finding_answer', 'reason', 'question_answer', 'call_button',
  'summary_time_local', 'summary_time_utc', 'summary_version_value', 'any_of_these', 'which_of_these', 'one_of_these',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

function record<K extends string, V extends z.ZodType>(keys: readonly K[], value: V) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, value])) as { [P in K]: V });
}

/**
 * `dialogs/messages.yaml`: everything the bot says outside flows, the card labels, the level names
 * and the small templates that put content together (`{name}` placeholders; `{emergency_number}`,
 * `{poison_control_number}` and `{crisis_line}` are filled from settings everywhere).
 */
export const MessagesFile = z.strictObject({
  version: Version,
  messages: record(MESSAGE_IDS, TwoVoices),
  labels: record(LABEL_IDS, TwoVoices),
  levels: record(LEVELS, TwoVoices),
  templates: record(TEMPLATE_IDS, TwoVoices),
  /**
   * By finding category: a line added to "what to do now" when a finding of that category counted
   * but the advice shown is for another category (self-harm beside chest pain still gets the crisis line).
   */
  also: z.record(Id, TwoVoices).default({}),
});
export type MessagesFile = z.infer<typeof MessagesFile>;
