import { z } from 'zod';

/** The five dispositions of the triage rubric, most urgent first. */
export const LEVELS = ['emergency', 'urgent', 'prescriber', 'self-care', 'info'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

/** A stable snake_case id, the way content files refer to each other. */
export const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case id such as "breathing_difficulty"');

const Phrase = z.string().trim().min(1);
const Source = z.string().trim().min(3);

/** Wording in both voices: what the bot says to a patient or carer, and what helpline staff read or ask. */
export const TwoVoices = z.strictObject({
  patient: z.string().trim().min(1),
  staff: z.string().trim().min(1),
});
export type TwoVoices = z.infer<typeof TwoVoices>;

/** A modifier that moves a finding to another level ("severe" drowsiness is urgent). */
const ModifierMove = z.strictObject({
  modifier: Id,
  level: Level,
  why: z.string().trim().min(1),
});

/**
 * Words that mean one thing, defined once and shared by findings: body parts of the face and throat,
 * words for swelling, for "cannot", for waking. Findings combine them in `combinations`.
 */
export const Concept = z.strictObject({
  id: Id,
  description: z.string().trim().min(1),
  words: z.array(Phrase).min(1),
});
export type Concept = z.infer<typeof Concept>;

/** A finding reported as several concepts near each other, in any order ("face" + "swelling"). */
export const Combination = z.strictObject({
  all: z.array(Id).min(2),
  /** The most words the whole combination may span, within one clause. */
  within: z.number().int().min(2),
  /** The concepts must come in the order listed ("can't" then "wake"). */
  in_order: z.boolean().default(false),
  /** false: the concepts may be in different clauses of one sentence ("the dog, he ate two"). */
  same_clause: z.boolean().default(true),
});
export type Combination = z.infer<typeof Combination>;

export const Finding = z.strictObject({
  id: Id,
  name: z.string().trim().min(1),
  /**
   * The level this finding gets on its own. `info` marks context that sets no level by itself
   * ("has a pump") but that rules and questions use.
   */
  tier: Level,
  /** Advice category used to pick the disposition text. */
  category: Id,
  /** Groups the combination rules refer to, e.g. withdrawal_context. */
  groups: z.array(Id).default([]),
  /**
   * Words and phrases people use. Matching is on stems, case-insensitive, and allows up to two
   * extra words inside a phrase. `#num` stands for any number, `#many` for six or more,
   * `#fever_temp` for a feverish temperature,
   * and `=word` for that word form only (`=confused` does not match "confusing").
   */
  phrases: z.array(Phrase).min(1),
  /** Misspellings that typo tolerance would not catch (short words are matched exactly). */
  misspellings: z.array(Phrase).default([]),
  /**
   * Findings this one stands in for where their words overlap: "want to stop taking baclofen" is a
   * wish to stop, not a report that it was stopped.
   */
  overrides: z.array(Id).default([]),
  /** true: a wish or plan ("I want to", "thinking of") reports this finding rather than hiding it (self-harm). */
  counts_when_wished: z.boolean().default(false),
  /** true: a lasting state ("has a pump"): wording that puts its start in the past ("fitted last year") does not end it. */
  ongoing: z.boolean().default(false),
  /**
   * true: one finding for several symptoms ("queasy" and "being sick"): a later message takes it back
   * only by denying the words it was reported in, not another of its symptoms.
   */
  several_symptoms: z.boolean().default(false),
  /** Concepts that, near each other in any order, report this finding. */
  combinations: z.array(Combination).default([]),
  moved_by: z.array(ModifierMove).default([]),
  source: Source,
});
export type Finding = z.infer<typeof Finding>;

export const Modifier = z.strictObject({
  id: Id,
  name: z.string().trim().min(1),
  phrases: z.array(Phrase).min(1),
  /**
   * `near`: applies to a finding within three words ("a bit dizzy", "very sleepy"); `sentence`: to
   * every finding in the sentence ("dizzy every day for two months"); `message`: to every finding
   * in the message ("since March … it's now June and he can't manage his allotment").
   */
  reach: z.enum(['near', 'sentence', 'message']).default('sentence'),
  /**
   * Modifiers this one takes back when a later message says the finding again with it and without
   * them: "really dizzy", then "just a little spinny when I stand" is mild, not severe.
   */
  takes_back: z.array(Id).default([]),
});
export type Modifier = z.infer<typeof Modifier>;

const Group = z.strictObject({
  id: Id,
  /** A short name for lists a clinician reads ("too much baclofen taken"); the call script shows it. */
  name: z.string().trim().min(1).max(160).optional(),
  description: z.string().trim().min(1),
});

/** A condition on the findings present: a finding id or a group id, optionally excluding a modifier. */
export const Condition = z.strictObject({
  finding: Id.optional(),
  group: Id.optional(),
  /** The matching finding must not carry this modifier (e.g. overdose with drowsiness that is not mild). */
  without_modifier: Id.optional(),
}).refine((c) => (c.finding === undefined) !== (c.group === undefined), {
  message: 'give exactly one of "finding" or "group"',
});
export type Condition = z.infer<typeof Condition>;

/** A combination rule: when every condition holds, the level is at least `level`. */
export const Rule = z.strictObject({
  id: Id,
  /**
   * What the combination means, in a few plain words a clinician reads after the findings that
   * triggered it ("withdrawal emergency"): staff rationale and the call script. Without it they
   * fall back to the level.
   */
  summary: z.string().trim().min(1).max(60).optional(),
  level: Level,
  category: Id,
  all: z.array(Condition).min(1),
  why: z.string().trim().min(1),
  source: Source,
});
export type Rule = z.infer<typeof Rule>;

export const FindingsFile = z.strictObject({
  version: z.string().min(1),
  groups: z.array(Group),
  concepts: z.array(Concept).default([]),
  modifiers: z.array(Modifier),
  findings: z.array(Finding).min(1),
  rules: z.array(Rule),
});
export type FindingsFile = z.infer<typeof FindingsFile>;

/** NegEx/ConText-style trigger, as medspaCy keeps them: flat records, directions as data. */
export const ContextRule = z.strictObject({
  literal: Phrase,
  category: z.enum(['negated', 'hypothetical', 'historical', 'pseudo', 'terminate', 'report', 'correction', 'general']),
  direction: z.enum(['forward', 'backward', 'bidirectional', 'none']),
  /** Scope in tokens; absent means to the end of the sentence (forward) or five tokens (backward). */
  max_scope: z.number().int().positive().optional(),
  /**
   * For `terminate` triggers: which scopes they end; all by default. A new subject ("I", "my")
   * ends a negation but not a hypothetical ("what if my child swallows one").
   */
  terminates: z.array(z.enum(['negated', 'hypothetical', 'historical'])).optional(),
  /**
   * For backward `historical` triggers that open a clause pointing back at the one before ("a fit,
   * but that was back in 2009 before any of this"): the scope reaches over the comma between them
   * even when more is said after the trigger.
   */
  points_back: z.literal(true).optional(),
});
export type ContextRule = z.infer<typeof ContextRule>;

const Count = z.number().int().nonnegative();

/** How loosely text is matched: every limit of the matcher is content, not code. */
export const Matching = z.strictObject({
  /** Typo tolerance by word length: `one_from` letters may carry one typo, `two_from` two; none past `longest_word`. */
  typos: z.strictObject({ one_from: Count, two_from: Count, longest_word: Count }),
  /** Extra words allowed between two consecutive words of a phrase. */
  gaps: z.strictObject({ findings: Count, modifiers: Count, topics: Count }),
  /**
   * A sentence longer than `tokens` is read in windows of that size that overlap by `overlap`
   * tokens, so that analysis stays linear in the length of a message. `overlap` must exceed the
   * longest phrase with its gaps, or a phrase across two windows could be missed.
   */
  window: z
    .strictObject({ tokens: z.number().int().min(10), overlap: z.number().int().min(1) })
    .refine((w) => w.overlap * 2 <= w.tokens, { message: 'overlap must be at most half of tokens' }),
  /**
   * How many words a negation may stand before a lasting state (a pump) and still deny it: "he has no
   * pump" does, the "no" of a list before it ("No pump alarm, refill was last month") does not.
   */
  lasting_negation_reach: z.number().int().min(0).default(1),
});
export type Matching = z.infer<typeof Matching>;

/**
 * A register people write in (texting, British English, clinical shorthand, learners' English):
 * single words rewritten to the plain form before matching, so content is written once.
 */
export const Register = z.strictObject({
  id: Id,
  source: Source,
  /** Typed word (one word, lower case) to what it means (one or more words). */
  rewrite: z.record(z.string().regex(/^[a-z0-9']+$/, 'must be one lower-case word'), Phrase),
});
export type Register = z.infer<typeof Register>;

/**
 * English words within typo distance of a word the knowledge base matches, generated from WordNet by
 * `npm run content:real-words`: typed as written, they are never read as typos ("beers" is not
 * "beeps"). `lexicon` fingerprints the words it was generated for, so a stale list is an error.
 */
export const RealWordsFile = z.strictObject({
  version: z.string().min(1),
  source: Source,
  lexicon: z.string().regex(/^[0-9a-f]{16}$/),
  words: z.array(z.string().regex(/^[a-z]+$/)),
});
export type RealWordsFile = z.infer<typeof RealWordsFile>;

export const ContextFile = z.strictObject({
  version: z.string().min(1),
  /** Words that start a question when they open a sentence. */
  question_openers: z.array(Phrase).min(1),
  /**
   * Of the openers, those that ask inside a clause too ("but what is it for?"); "is" or "can" in the
   * middle of "my dad is breathing weird??" asks nothing. Unset: every opener.
   */
  question_words: z.array(Phrase).optional(),
  /** Subjects after which any opener asks, also mid-clause ("like can it make you stop breathing?"). */
  question_subjects: z.array(Phrase).default([]),
  /**
   * Openers that start a condition or a time, not a question, when no question mark ends the sentence
   * ("when I stand up, my head spins", "When I went in to her her lips had swollen").
   */
  condition_openers: z.array(Phrase).default([]),
  /** Words after which a question word opens a new clause ("…, but what is it for?"); elsewhere it is a relative pronoun. */
  clause_links: z.array(Phrase).default([]),
  /**
   * A question that takes its report for granted: one of `openers`, a verb of `verbs`, then a person of
   * `persons` ("why is my son seeing spiders?" says that he is). Its findings are reports, not questions.
   */
  presupposing_questions: z
    .strictObject({ openers: z.array(Phrase), verbs: z.array(Phrase), persons: z.array(Phrase) })
    .default({ openers: [], verbs: [], persons: [] }),
  /**
   * Words that make a topic the person's own when said right before it ("my kidney is not good"): a
   * general marker elsewhere in the message ("I want know") does not make that topic a general question.
   */
  possessives: z.array(Phrase).default([]),
  /** Common words that are never treated as a misspelling of a lexicon word ("tried" is not "tired"). */
  not_typos: z.array(Phrase).default([]),
  matching: Matching,
  registers: z.array(Register).default([]),
  /**
   * Everyday phrases that contain a symptom word but report nothing ("fit and well", "confused
   * about the dose", "twitchy about"): a finding whose words fall inside one is not read.
   */
  idioms: z.array(Phrase).default([]),
  rules: z.array(ContextRule).min(1),
});
export type ContextFile = z.infer<typeof ContextFile>;

/** A red-flag yes/no screening question; a "yes" (or "not sure") adds the finding it asks about. */
export const Question = z.strictObject({
  id: Id,
  finding: Id,
  text: TwoVoices,
  /** What staff listen for in the caller's answer. */
  listen_for: z.string().trim().min(1),
  /** Ask when any of these finding or group ids is present. */
  ask_when: z.array(Id).min(1),
  /**
   * What each answer means, in a few words staff see on the buttons ("Hard to wake or not
   * answering" / "Wakes and answers"). "Yes" always means the finding is present, in both wordings;
   * the dialogs refuse a question without these (src/dialogs/checkDialogs.ts).
   */
  yes_means: z.string().trim().min(1).max(60).optional(),
  no_means: z.string().trim().min(1).max(60).optional(),
});
export type Question = z.infer<typeof Question>;

export const QuestionsFile = z.strictObject({
  version: z.string().min(1),
  questions: z.array(Question).min(1),
});

export const Topic = z.strictObject({
  id: Id,
  title: z.string().trim().min(1),
  level: z.enum(['prescriber', 'info']),
  /** The level when asked only to know ("for our care-home policy", "just curious"); `level` when absent. */
  level_when_general: z.enum(['prescriber', 'info']).optional(),
  phrases: z.array(Phrase).min(1),
  answer: TwoVoices,
  when_to_get_help: z.string().trim().min(1).optional(),
  source: Source,
});
export type Topic = z.infer<typeof Topic>;

export const TopicsFile = z.strictObject({
  version: z.string().min(1),
  topics: z.array(Topic).min(1),
});

/** What a person is told for a level and category. `{emergency_number}` and friends are filled from settings. */
export const Disposition = z.strictObject({
  id: Id,
  level: Level,
  /** A finding category, or `general` for the fallback of a level. */
  category: Id,
  heading: TwoVoices,
  do_now: TwoVoices,
  safety_net: TwoVoices,
  source: Source,
});
export type Disposition = z.infer<typeof Disposition>;

export const AdviceFile = z.strictObject({
  version: z.string().min(1),
  dispositions: z.array(Disposition).min(1),
});

export const PLACEHOLDERS = ['emergency_number', 'poison_control_number', 'crisis_line'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type Contacts = Record<Placeholder, string>;
export const DEFAULT_CONTACTS: Contacts = {
  emergency_number: '911',
  poison_control_number: '1-800-222-1222',
  crisis_line: '988',
};
