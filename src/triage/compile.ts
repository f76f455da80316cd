import { ContextMatcher } from '../nlp/context';
import { compilePhrase, PhraseMatcher, type Pattern } from '../nlp/phraseMatcher';
import type { Knowledge } from '../knowledge/load';
import { compileRespellings, type Respellings } from '../nlp/respell';
import type { CompiledCombination } from './combinations';

/** Knowledge turned into matchers, built once at start-up. */
export interface CompiledKnowledge {
  readonly knowledge: Knowledge;
  readonly findings: PhraseMatcher<string>;
  readonly concepts: PhraseMatcher<string>;
  readonly idioms: PhraseMatcher<string>;
  readonly combinations: readonly CompiledCombination[];
  readonly respellings: Respellings;
  readonly modifiers: PhraseMatcher<string>;
  readonly topics: PhraseMatcher<string>;
  readonly context: ContextMatcher;
  readonly questionOpeners: ReadonlySet<string>;
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

/** Builds the matchers for a validated knowledge base. */
export function compileKnowledge(knowledge: Knowledge): CompiledKnowledge {
  const notTypos = new Set(knowledge.context.not_typos.map((w) => w.toLowerCase()));
  const { typos, gaps, window } = knowledge.context.matching;
  const fuzzy = { oneFrom: typos.one_from, twoFrom: typos.two_from, longestWord: typos.longest_word };
  const findingPhrases = Array.from(knowledge.findings.values(), (f): [string, string[]] => [f.id, [...f.phrases, ...f.misspellings]]);
  return {
    knowledge,
    findings: new PhraseMatcher(patterns(findingPhrases), { maxGap: gaps.findings, fuzzy, notTypos }),
    concepts: new PhraseMatcher(patterns(Array.from(knowledge.concepts.values(), (c): [string, string[]] => [c.id, c.words])), {
      maxGap: 0,
      fuzzy,
      notTypos,
    }),
    idioms: new PhraseMatcher(patterns([['idiom', knowledge.context.idioms]]), { maxGap: 0 }),
    combinations: Array.from(knowledge.findings.values()).flatMap((f) => f.combinations.map((c) => ({ finding: f.id, all: c.all, within: c.within, inOrder: c.in_order, sameClause: c.same_clause }))),
    respellings: compileRespellings(knowledge.context.registers.flatMap((r) => Object.entries(r.rewrite))),
    modifiers: new PhraseMatcher(patterns(Array.from(knowledge.modifiers.values(), (m): [string, string[]] => [m.id, m.phrases])), {
      maxGap: gaps.modifiers,
    }),
    topics: new PhraseMatcher(patterns(Array.from(knowledge.topics.values(), (t): [string, string[]] => [t.id, t.phrases])), {
      maxGap: gaps.topics,
      fuzzy,
      notTypos,
    }),
    context: new ContextMatcher(knowledge.context.rules),
    questionOpeners: new Set(knowledge.context.question_openers.map((w) => w.toLowerCase())),
    negationWords: new Set(
      knowledge.context.rules.filter((r) => r.category === 'negated' && !/\s/.test(r.literal.trim())).map((r) => r.literal.trim().toLowerCase()),
    ),
    window,
  };
}
