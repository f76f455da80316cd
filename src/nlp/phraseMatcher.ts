import type { TypoPolicy } from './fuzzyIndex';
import type { Pattern } from './pattern';
import { PhraseSets, type PhraseMatch } from './phraseSets';
import { sortSmall } from './sortSmall';
import type { Token } from './tokenise';

export { compilePhrase, type Pattern, type PatternToken } from './pattern';
export type { PhraseMatch } from './phraseSets';

export interface MatcherOptions {
  /** Extra words allowed between two consecutive words of a phrase. */
  readonly maxGap: number;
  /** How words may match with a typo; absent: spelled right only. */
  readonly fuzzy?: TypoPolicy;
  /** Typed words that are never read as typos (real words near a lexicon word). */
  readonly notTypos?: ReadonlySet<string>;
}

/**
 * Finds one set of content phrases in tokenised text: in order, within one sentence, with a
 * bounded gap and optional typo tolerance. Results may overlap; see `longestFirst`. To match
 * several sets over the same text, `PhraseSets` reads each word once for all of them.
 */
export class PhraseMatcher<K> {
  private readonly sets: PhraseSets<{ only: K }>;

  constructor(patterns: readonly Pattern<K>[], options: MatcherOptions) {
    this.sets = new PhraseSets(
      { only: { patterns, maxGap: options.maxGap, typos: options.fuzzy !== undefined } },
      options.fuzzy === undefined ? undefined : { policy: options.fuzzy, notTypos: options.notTypos ?? new Set() },
    );
  }

  /** Every match of every pattern in the tokens. */
  match(tokens: readonly Token[]): PhraseMatch<K>[] {
    return this.sets.match(tokens).only;
  }
}

/** True when two token spans share a token. */
export function overlaps(a: { readonly first: number; readonly last: number }, b: { readonly first: number; readonly last: number }): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** In text order. */
export function byFirst(a: { readonly first: number }, b: { readonly first: number }): number {
  return a.first - b.first;
}

/** Longer phrases first, then fewer typos, then tighter spans, then earlier. */
function longestBefore<K>(a: PhraseMatch<K>, b: PhraseMatch<K>): number {
  return b.size - a.size || a.typos.length - b.typos.length || a.last - a.first - (b.last - b.first) || a.first - b.first;
}

/** Keeps the longest matches that do not overlap, earlier first on ties. */
export function longestFirst<K>(matches: readonly PhraseMatch<K>[]): PhraseMatch<K>[] {
  if (matches.length < 2) return [...matches];
  const sorted = sortSmall([...matches], longestBefore);
  const taken: PhraseMatch<K>[] = [];
  for (const m of sorted) {
    if (taken.some((t) => overlaps(m, t))) continue;
    taken.push(m);
  }
  return sortSmall(taken, byFirst);
}

/**
 * The matches worth keeping when several keys are found: per key, the longest non-overlapping
 * ones; across keys, a match is dropped only when a longer match of another key holds its words
 * ("can't breathe" hides "breathe"; words in a phrase's gap are not its own), so that partly overlapping findings both count
 * ("took all my pills" and "pills on purpose").
 */
export function bestPerKey<K>(matches: readonly PhraseMatch<K>[]): PhraseMatch<K>[] {
  if (matches.length < 2) return [...matches];
  const kept = distinctKeys(matches) ? matches : longestPerKey(matches);
  const best = kept.filter(
    (m) =>
      !kept.some(
        (o) =>
          o !== m &&
          o.key !== m.key &&
          o.first <= m.first &&
          m.last <= o.last &&
          (o.size > m.size || (o.size === m.size && o.last - o.first < m.last - m.first)) &&
          // only words the longer phrase itself uses: "found her collapsed on the floor" keeps "collapsed", said in its gap
          usesAll(o.at, m.at),
      ),
  );
  return sortSmall(best, byFirst);
}

/** True when every index of `inner` is in `outer` (both ascending). */
function usesAll(outer: readonly number[], inner: readonly number[]): boolean {
  let j = 0;
  for (const i of inner) {
    while (j < outer.length && outer[j] < i) j += 1;
    if (j === outer.length || outer[j] !== i) return false;
  }
  return true;
}

function distinctKeys<K>(matches: readonly PhraseMatch<K>[]): boolean {
  for (let i = 1; i < matches.length; i += 1) for (let j = 0; j < i; j += 1) if (matches[i].key === matches[j].key) return false;
  return true;
}

/** Per key, in order of first appearance, the longest matches that do not overlap. */
function longestPerKey<K>(matches: readonly PhraseMatch<K>[]): PhraseMatch<K>[] {
  const byKey = new Map<K, PhraseMatch<K>[]>();
  for (const m of matches) {
    const list = byKey.get(m.key);
    if (list === undefined) byKey.set(m.key, [m]);
    else list.push(m);
  }
  return [...byKey.values()].flatMap((list) => longestFirst(list));
}
