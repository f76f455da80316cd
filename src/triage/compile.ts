import { createHash } from 'node:crypto';
import { TRIGGER_GAP, triggerPatterns, type ContextTrigger } from '../nlp/context';
import { compilePhrase, type Pattern } from '../nlp/phraseMatcher';
import { PhraseSets } from '../nlp/phraseSets';
import type { Knowledge } from '../knowledge/load';
import { compileRespellings, type Respellings } from '../nlp/respell';
import { combinationRules, type CombinationRules } from './combinations';

/** The phrase sets a message is read with, and what each one's matches stand for. */
export type PhraseKinds = {
  /** Finding ids. */
  findings: string;
  /** Concept ids, for combinations. */
  concepts: string;
  /** Everyday phrases that report nothing. */
  idioms: string;
  /** Modifier ids. */
  modifiers: string;
  /** Topic ids. */
  topics: string;
  /** Negation, hypothetical, historical and other context triggers. */
  context: ContextTrigger;
};

/** Knowledge turned into matchers, built once at start-up. */
export interface CompiledKnowledge {
  readonly knowledge: Knowledge;
  /** Every phrase set, matched in one pass over a message. */
  readonly phrases: PhraseSets<PhraseKinds>;
  readonly combinations: CombinationRules;
  readonly respellings: Respellings;
  readonly questionOpeners: ReadonlySet<string>;
  /** Openers that ask a question from inside a clause. */
  readonly questionWords: ReadonlySet<string>;
  readonly conditionOpeners: ReadonlySet<string>;
  /** Words after which a question word opens a new clause ("but what is it for?"). */
  readonly clauseLinks: ReadonlySet<string>;
  /** Words that make the topic after them the person's own ("my kidney"). */
  readonly possessives: ReadonlySet<string>;
  readonly presupposing: { readonly openers: ReadonlySet<string>; readonly verbs: ReadonlySet<string>; readonly persons: ReadonlySet<string> };
  readonly questionSubjects: ReadonlySet<string>;
  /** One-word negation triggers ("no", "not"), as typed. */
  readonly negationWords: ReadonlySet<string>;
  readonly window: { readonly tokens: number; readonly overlap: number };
}

function patterns(entries: Iterable<[string, readonly string[]]>): Pattern<string>[] {
  const out: Pattern<string>[] = [];
  for (const [key, phrases] of entries) {
    for (const phrase of phrases) out.push({ key, phrase, tokens: compilePhrase(phrase) });
  }
  return out;
}

/** The words typo tolerance reads typed words as: those of findings, concepts and topics. */
export function typoLexicon(knowledge: Knowledge): string[] {
  const phrases = [
    ...Array.from(knowledge.findings.values()).flatMap((f) => [...f.phrases, ...f.misspellings]),
    ...Array.from(knowledge.concepts.values()).flatMap((c) => c.words),
    ...Array.from(knowledge.topics.values()).flatMap((t) => t.phrases),
  ];
  const words = new Set<string>();
  for (const phrase of phrases) for (const t of compilePhrase(phrase)) if (t.kind === 'word' || t.kind === 'exact') words.add(t.surface);
  return [...words].sort();
}

/** A short fingerprint of a lexicon, to tell whether real-words.yaml was generated for it. */
export function lexiconFingerprint(words: readonly string[]): string {
  return createHash('sha256').update(words.join('\n')).digest('hex').slice(0, 16);
}

/** Words of a content list as the tokeniser gives them (lower case). */
function lowered(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map((w) => w.toLowerCase()));
}

/** Builds the matchers for a validated knowledge base. */
export function compileKnowledge(knowledge: Knowledge): CompiledKnowledge {
  // A word the content itself uses is spelled right wherever it is typed: "quite" (in "not quite
  // right") is never a typo of "quit" in another phrase set, though real-words.yaml leaves it out.
  const notTypos = new Set([...knowledge.context.not_typos.map((w) => w.toLowerCase()), ...knowledge.realWords.words, ...typoLexicon(knowledge)]);
  const { typos, gaps, window } = knowledge.context.matching;
  const policy = { oneFrom: typos.one_from, twoFrom: typos.two_from, longestWord: typos.longest_word };
  const findingPhrases = Array.from(knowledge.findings.values(), (f): [string, string[]] => [f.id, [...f.phrases, ...f.misspellings]]);
  const phrases = new PhraseSets<PhraseKinds>(
    {
      findings: { patterns: patterns(findingPhrases), maxGap: gaps.findings, typos: true },
      concepts: { patterns: patterns(Array.from(knowledge.concepts.values(), (c): [string, string[]] => [c.id, c.words])), maxGap: 0, typos: true },
      idioms: { patterns: patterns([['idiom', knowledge.context.idioms]]), maxGap: 0, typos: false },
      modifiers: { patterns: patterns(Array.from(knowledge.modifiers.values(), (m): [string, string[]] => [m.id, m.phrases])), maxGap: gaps.modifiers, typos: false },
      topics: { patterns: patterns(Array.from(knowledge.topics.values(), (t): [string, string[]] => [t.id, t.phrases])), maxGap: gaps.topics, typos: true },
      context: { patterns: triggerPatterns(knowledge.context.rules), maxGap: TRIGGER_GAP, typos: false },
    },
    { policy, notTypos },
  );
  return {
    knowledge,
    phrases,
    combinations: combinationRules(
      Array.from(knowledge.findings.values()).flatMap((f) => f.combinations.map((c) => ({ finding: f.id, all: c.all, within: c.within, inOrder: c.in_order, sameClause: c.same_clause }))),
    ),
    respellings: compileRespellings(knowledge.context.registers.flatMap((r) => Object.entries(r.rewrite))),
    questionOpeners: lowered(knowledge.context.question_openers),
    questionWords: lowered(knowledge.context.question_words ?? knowledge.context.question_openers),
    conditionOpeners: lowered(knowledge.context.condition_openers),
    clauseLinks: lowered(knowledge.context.clause_links),
    possessives: lowered(knowledge.context.possessives),
    presupposing: {
      openers: lowered(knowledge.context.presupposing_questions.openers),
      verbs: lowered(knowledge.context.presupposing_questions.verbs),
      persons: lowered(knowledge.context.presupposing_questions.persons),
    },
    questionSubjects: lowered(knowledge.context.question_subjects),
    negationWords: new Set(
      knowledge.context.rules.filter((r) => r.category === 'negated' && !/\s/.test(r.literal.trim())).map((r) => r.literal.trim().toLowerCase()),
    ),
    window,
  };
}
