import type { TypoPolicy } from './fuzzyIndex';
import { Lexicon, type TypoReading } from './lexicon';
import { passes, type Pattern, type PatternToken } from './pattern';
import { buildTrie, type TrieNode } from './phraseTrie';
import { numberWordValue, type Token } from './tokenise';

export interface PhraseMatch<K> {
  readonly key: K;
  readonly phrase: string;
  /** Token indices of the first and last matched token. */
  readonly first: number;
  readonly last: number;
  /** How many phrase words matched: longer phrases win over shorter ones. */
  readonly size: number;
  /** Token indices of the phrase's own words; the rest of first..last are words in its gaps. */
  readonly at: readonly number[];
  /** Words read as misspellings: what was typed and the lexicon word it was taken for. */
  readonly typos: ReadonlyArray<{ readonly typed: string; readonly meant: string }>;
}

/** One set of phrases matched together, and how loosely. */
export interface PhraseSetSpec<K> {
  readonly patterns: readonly Pattern<K>[];
  /** Extra words allowed between two consecutive words of a phrase. */
  readonly maxGap: number;
  /** Whether a word may match with a typo, under the typo options the sets share. */
  readonly typos: boolean;
}

/** The typo policy the sets that read typos share, and the real words never read as typos. */
export interface TypoOptions {
  readonly policy: TypoPolicy;
  readonly notTypos: ReadonlySet<string>;
}

export type PhraseSetSpecs<T> = { readonly [N in keyof T]: PhraseSetSpec<T[N]> };
export type PhraseSetMatches<T> = { [N in keyof T]: PhraseMatch<T[N]>[] };

/** What is known about one typed word, for every set at once; cached by word. */
interface WordReading {
  readonly stem: string;
  /** A word that a value test may take for a number ("two", "a"). */
  readonly numberWord: boolean;
  /** The word as an exact-form key (`=word`). */
  readonly exact: string;
  /** Per set (by position): how the word may be read as a typo of that set's words. */
  readonly typos: ReadonlyArray<TypoReading | undefined>;
}

interface CompiledSet {
  readonly name: string;
  readonly root: TrieNode<unknown>;
  readonly gap: number;
}

type Typo = { readonly typed: string; readonly meant: string };


/** The state of matching one set over one message. */
interface Walk {
  readonly tokens: readonly Token[];
  readonly words: readonly WordReading[];
  /** The set's position, to pick its typo readings. */
  readonly set: number;
  readonly gap: number;
  /** Matches found at the current start, and what orders each among the others (`rank`). */
  readonly found: PhraseMatch<unknown>[];
  readonly ranks: number[];
  readonly path: number[];
  readonly typos: Typo[];
  /** `[i]` for each token index, made once per message: every one-word match at i shares it as `at`. */
  readonly singles: Array<readonly number[] | undefined>;
  start: number;
  group: number;
}

const NO_TYPOS: readonly Typo[] = [];
const MAX_CACHED_WORDS = 20_000;

/**
 * Several phrase sets (findings, concepts, idioms, …) matched in one pass over a message: each word
 * is stemmed and read for typos once for all sets, and each set's phrases are walked as a trie.
 * A phrase matches in order, within one sentence, each word at the first place it fits with at
 * most `maxGap` other words before it. Results may overlap; see `longestFirst`.
 */
export class PhraseSets<T extends Record<string, unknown>> {
  private readonly sets: readonly CompiledSet[];
  /** The first words of every set's phrases: by stem or `=surface`, the sets (by position) and their nodes. */
  private readonly firstWords = new Map<string, Array<{ readonly set: number; readonly node: TrieNode<unknown> }>>();
  /** The sets (by position) with phrases that open with a value test (`#num`, …). */
  private readonly valueFirst: readonly number[];
  private readonly lexicons: ReadonlyArray<Lexicon | undefined>;
  // People repeat their words, and reading a word for typos allocates: keep each reading.
  private readonly readings = new Map<string, WordReading>();

  constructor(specs: PhraseSetSpecs<T>, typos?: TypoOptions) {
    const entries = Object.entries(specs as Record<string, PhraseSetSpec<unknown>>);
    this.sets = entries.map(([name, spec]) => ({ name, root: buildTrie(spec.patterns), gap: spec.maxGap }));
    this.sets.forEach((set, index) => {
      for (const [key, node] of set.root.next) {
        const list = this.firstWords.get(key) ?? [];
        list.push({ set: index, node });
        this.firstWords.set(key, list);
      }
    });
    this.valueFirst = this.sets.flatMap((set, index) => (set.root.tests.length > 0 ? [index] : []));
    this.lexicons = entries.map(([name, spec]) => {
      if (!spec.typos) return undefined;
      if (typos === undefined) throw new Error(`PhraseSets: set "${name}" reads typos, so give the typo options`);
      return new Lexicon(spec.patterns, typos.policy, typos.notTypos);
    });
  }

  /**
   * Every match of every phrase of every set in the tokens, by set, in order of their first token.
   * At each start, matches come in the order of how the first word fitted (a number, a value test,
   * its stem, its exact form, then its typo readings) and then of the phrases in the content, so
   * that ties between equally good matches always fall the same way.
   */
  match(tokens: readonly Token[]): PhraseSetMatches<T> {
    const words = tokens.map((token) => this.read(token));
    const singles: Array<readonly number[] | undefined> = [];
    const walks = this.sets.map((set, index): Walk => ({ tokens, words, set: index, gap: set.gap, found: [], ranks: [], path: [], typos: [], singles, start: 0, group: 0 }));
    const matches = this.sets.map((): PhraseMatch<unknown>[] => []);
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i];
      if (token.kind === 'punct') continue;
      const word = words[i];
      if (token.kind === 'number' || word.numberWord) {
        for (const index of this.valueFirst) {
          const walk = walks[index];
          walk.start = i;
          for (const { test, node } of this.sets[index].root.tests) {
            walk.group = test.kind === 'num' ? 0 : 1;
            if (passes(test, token)) enter(walk, node, i, undefined);
          }
        }
      }
      this.enterFirst(walks, this.firstWords.get(word.stem), i, 2);
      this.enterFirst(walks, this.firstWords.get(word.exact), i, 3);
      for (let index = 0; index < walks.length; index += 1) {
        const typo = word.typos[index];
        if (typo !== undefined) enterTypos(walks[index], this.sets[index].root, typo, i);
      }
      for (let index = 0; index < walks.length; index += 1) {
        const { found, ranks } = walks[index];
        if (found.length === 0) continue;
        if (found.length > 1) sortByRank(found, ranks);
        for (const m of found) matches[index].push(m);
        found.length = 0;
        ranks.length = 0;
      }
    }
    const out: Record<string, PhraseMatch<unknown>[]> = {};
    this.sets.forEach((set, index) => {
      out[set.name] = matches[index];
    });
    return out as PhraseSetMatches<T>;
  }

  private enterFirst(walks: readonly Walk[], firsts: ReadonlyArray<{ set: number; node: TrieNode<unknown> }> | undefined, i: number, group: number): void {
    if (firsts === undefined) return;
    for (const { set, node } of firsts) {
      const walk = walks[set];
      walk.start = i;
      walk.group = group;
      enter(walk, node, i, undefined);
    }
  }

  private read(token: Token): WordReading {
    const cached = this.readings.get(token.text);
    if (cached !== undefined && cached.stem === token.stem) return cached;
    const reading: WordReading = {
      stem: token.stem,
      numberWord: token.kind === 'word' && (numberWordValue(token.text) !== undefined || token.text === 'a'),
      exact: `=${token.text}`,
      typos: this.lexicons.map((lexicon) => (lexicon !== undefined && token.kind === 'word' ? lexicon.typosOf(token.text, token.stem) : undefined)),
    };
    if (this.readings.size >= MAX_CACHED_WORDS) this.readings.clear();
    this.readings.set(token.text, reading);
    return reading;
  }
}

/** Phrases whose first word token `i` may be a misspelling of (groups 4 on, in the order of the readings). */
function enterTypos(walk: Walk, root: TrieNode<unknown>, typo: TypoReading, i: number): void {
  walk.start = i;
  walk.group = 4;
  for (const [stem, meant] of typo.stems) {
    enter(walk, root.next.get(stem), i, meant);
    walk.group += 1;
  }
  for (let t = 0; t < typo.words.length; t += 1) {
    enter(walk, root.next.get(typo.exactKeys[t]), i, typo.words[t]);
    walk.group += 1;
  }
}

/** Ranks: how the first word fitted (`group`), then the phrase's place in the content (below 2^24). */
const RANK_GROUP = 2 ** 24;

/** Sorts the matches found at one start by rank, in place (they are few). */
function sortByRank(found: PhraseMatch<unknown>[], ranks: number[]): void {
  for (let i = 1; i < found.length; i += 1) {
    const match = found[i];
    const rank = ranks[i];
    let j = i - 1;
    while (j >= 0 && ranks[j] > rank) {
      found[j + 1] = found[j];
      ranks[j + 1] = ranks[j];
      j -= 1;
    }
    found[j + 1] = match;
    ranks[j + 1] = rank;
  }
}

/** Takes token `j` as the next word of the phrases below `node`, and goes on from there. */
function enter(walk: Walk, node: TrieNode<unknown> | undefined, j: number, meant: string | undefined): void {
  if (node === undefined) return;
  walk.path.push(j);
  if (meant !== undefined) walk.typos.push({ typed: walk.tokens[j].text, meant });
  for (const { pattern, order } of node.ends) {
    walk.ranks.push(walk.group * RANK_GROUP + order);
    walk.found.push({
      key: pattern.key,
      phrase: pattern.phrase,
      first: walk.start,
      last: j,
      size: pattern.tokens.length,
      at: walk.path.length === 1 ? (walk.singles[j] ??= [j]) : walk.path.slice(),
      typos: walk.typos.length === 0 ? NO_TYPOS : walk.typos.slice(),
    });
  }
  if (node.next.size > 0 || node.tests.length > 0) extend(walk, node, j);
  if (meant !== undefined) walk.typos.pop();
  walk.path.pop();
}

/** Looks for the next word of the phrases below `node` after token `at`, in the same sentence, within the gap. */
function extend(walk: Walk, node: TrieNode<unknown>, at: number): void {
  const { tokens, words } = walk;
  const sentence = tokens[walk.start].sentence;
  const limit = Math.min(tokens.length - 1, at + 1 + walk.gap);
  for (let j = at + 1; j <= limit; j += 1) {
    const token = tokens[j];
    if (token.sentence !== sentence || token.kind === 'punct') break;
    const word = words[j];
    const byStem = node.next.get(word.stem);
    if (byStem !== undefined) next(walk, byStem, at, j, undefined);
    const byExact = node.next.get(word.exact);
    if (byExact !== undefined) next(walk, byExact, at, j, undefined);
    const typo = word.typos[walk.set];
    if (typo !== undefined) {
      for (const [stem, meant] of typo.stems) next(walk, node.next.get(stem), at, j, meant);
      for (let t = 0; t < typo.words.length; t += 1) next(walk, node.next.get(typo.exactKeys[t]), at, j, typo.words[t]);
    }
    if (node.adjacentNext && j === at + 1) {
      next(walk, node.next.get(`+${word.stem}`), at, j, undefined);
      next(walk, node.next.get(`+${word.exact}`), at, j, undefined);
      if (typo !== undefined) for (const [stem, meant] of typo.stems) next(walk, node.next.get(`+${stem}`), at, j, meant);
    }
    if (node.tests.length > 0 && (token.kind === 'number' || word.numberWord)) {
      for (const { test, node: child } of node.tests) if (passes(test, token)) next(walk, child, at, j, undefined);
    }
  }
}

/** A phrase word takes the first place after `at` where it fits: a later fit of the same word is not another match. */
function next(walk: Walk, node: TrieNode<unknown> | undefined, at: number, j: number, meant: string | undefined): void {
  if (node === undefined || node.via === undefined) return;
  for (let e = at + 1; e < j; e += 1) if (fits(node.via, walk.tokens[e], walk.words[e], walk.set)) return;
  enter(walk, node, j, meant);
}

function fits(via: PatternToken, token: Token, word: WordReading, set: number): boolean {
  if (via.kind === 'word') return word.stem === via.stem || (word.typos[set]?.stems.has(via.stem) ?? false);
  if (via.kind === 'exact') return token.text === via.surface || (word.typos[set]?.words.includes(via.surface) ?? false);
  return passes(via, token);
}
