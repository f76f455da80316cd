import { FuzzyIndex, type TypoPolicy } from './fuzzyIndex';
import { tokenise, numberWordValue, type Token } from './tokenise';

/** One element of a compiled phrase. */
export type PatternToken =
  | { readonly kind: 'word'; readonly stem: string; readonly surface: string }
  /** `=confused` in content: this word form only, not every word with its stem ("confusing"). */
  | { readonly kind: 'exact'; readonly stem: string; readonly surface: string }
  | { readonly kind: 'num' }
  /** `#many`: a count of six or more ("took 20 tablets"), more than any single dose. */
  | { readonly kind: 'many' }
  | { readonly kind: 'fever_temp'; readonly alone: boolean }
  /** `#num:1-9` in content: a number from 1 to 9 inclusive ("rr #num:1-9" for a slow breathing rate). */
  | { readonly kind: 'range'; readonly min: number; readonly max: number };

const RANGE = /^#num:(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/;

export interface Pattern<K> {
  readonly key: K;
  readonly phrase: string;
  readonly tokens: readonly PatternToken[];
}

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

export interface MatcherOptions {
  /** Extra words allowed between two consecutive words of a phrase. */
  readonly maxGap: number;
  /** How words may match with a typo; absent: spelled right only. */
  readonly fuzzy?: TypoPolicy;
  /** Typed words that are never read as typos (real words near a lexicon word). */
  readonly notTypos?: ReadonlySet<string>;
}

// Content is validated and then compiled, and both read every phrase: compile each one once.
const compiled = new Map<string, readonly PatternToken[]>();

/** Compiles a content phrase into pattern tokens; returns an empty list when nothing is left. */
export function compilePhrase(phrase: string): readonly PatternToken[] {
  let tokens = compiled.get(phrase);
  if (tokens === undefined) {
    tokens = compileUncached(phrase);
    compiled.set(phrase, tokens);
  }
  return tokens;
}

function compileUncached(phrase: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  const parts = phrase.trim().split(/\s+/);
  for (const part of parts) {
    if (part === '#num') tokens.push({ kind: 'num' });
    else if (part === '#many') tokens.push({ kind: 'many' });
    else if (part === '#fever_temp') tokens.push({ kind: 'fever_temp', alone: parts.length === 1 });
    else if (RANGE.test(part)) {
      const [, min, max] = RANGE.exec(part) ?? [];
      tokens.push({ kind: 'range', min: Number(min), max: Number(max) });
    }
    else if (part.startsWith('=') && part.length > 1) {
      for (const token of tokenise(part.slice(1))) {
        if (token.kind !== 'punct') tokens.push({ kind: 'exact', stem: token.stem, surface: token.text });
      }
    } else {
      for (const token of tokenise(part)) {
        // A word the stemmer cuts to under three letters ("ate" to "at") matches only as typed.
        if (token.kind === 'word' && token.stem.length < 3 && token.stem !== token.text) tokens.push({ kind: 'exact', stem: token.stem, surface: token.text });
        else if (token.kind === 'word') tokens.push({ kind: 'word', stem: token.stem, surface: token.text });
        else if (token.kind === 'number') tokens.push({ kind: 'word', stem: token.stem, surface: token.text });
      }
    }
  }
  return tokens;
}

/** True when a number reads as a fever: 38-45 °C or 100.4-113 °F. */
function isFeverTemperature(token: Token, alone: boolean): boolean {
  if (token.kind !== 'number' || token.value === undefined) return false;
  const v = token.value;
  const celsius = v >= 38 && v <= 45;
  const fahrenheit = v >= 100.4 && v <= 113;
  if (token.unit === 'c') return celsius;
  if (token.unit === 'f') return fahrenheit;
  // A bare "40" may be a dose: alone, only a decimal reading such as "39.5" counts.
  if (alone && !token.text.includes('.')) return false;
  return celsius || fahrenheit;
}

/** Six or more, more tablets than any single dose: "took 20 tablets" reads as too many. */
const MANY = 6;

function countOf(token: Token): number | undefined {
  if (token.kind === 'number') return token.value;
  return token.kind === 'word' ? numberWordValue(token.text) : undefined;
}

function isNumber(token: Token): boolean {
  return token.kind === 'number' || (token.kind === 'word' && (numberWordValue(token.text) !== undefined || token.text === 'a'));
}

const MAX_CACHED_TYPOS = 20_000;
const NO_TYPOS: PhraseMatch<never>['typos'] = [];

interface TokenKeys {
  readonly stem: string;
  readonly surface: string;
  /** Lexicon stems this token could be a misspelling of, with the word it was taken for. */
  readonly typos: ReadonlyMap<string, string>;
  /** Lexicon words this token could be a misspelling of. */
  readonly typoWords: ReadonlySet<string>;
}

/** The index key of a pattern token: its stem, or `=word` for a word that must match exactly. */
function indexKey(token: { kind: 'word' | 'exact'; stem: string; surface: string }): string {
  return token.kind === 'exact' ? `=${token.surface}` : token.stem;
}

/**
 * Finds content phrases in tokenised text: in order, within one sentence, with a bounded gap and
 * optional typo tolerance. Results may overlap; see `longestFirst`.
 */
export class PhraseMatcher<K> {
  private readonly byFirstStem = new Map<string, Pattern<K>[]>();
  /** Patterns that open with `#num` (a number, a number word or "a"). */
  private readonly byNumFirst: Pattern<K>[] = [];
  /** Patterns that open with a value test (`#many`, `#fever_temp`, `#num:1-9`). */
  private readonly byValueFirst: Pattern<K>[] = [];
  private readonly stems = new Set<string>();
  private readonly surfaces = new Set<string>();
  private readonly stemOfSurface = new Map<string, string>();
  private readonly fuzzy?: FuzzyIndex;

  constructor(patterns: readonly Pattern<K>[], private readonly options: MatcherOptions) {
    for (const pattern of patterns) {
      const first = pattern.tokens[0];
      if (first === undefined) continue;
      if (first.kind === 'word' || first.kind === 'exact') {
        const key = indexKey(first);
        const list = this.byFirstStem.get(key) ?? [];
        list.push(pattern);
        this.byFirstStem.set(key, list);
      } else if (first.kind === 'num') {
        this.byNumFirst.push(pattern);
      } else {
        this.byValueFirst.push(pattern);
      }
      for (const token of pattern.tokens) {
        if (token.kind === 'word') this.stems.add(token.stem);
        else if (token.kind === 'exact') this.surfaces.add(token.surface);
        else continue;
        if (!this.stemOfSurface.has(token.surface)) this.stemOfSurface.set(token.surface, token.stem);
      }
    }
    if (options.fuzzy !== undefined) this.fuzzy = new FuzzyIndex(this.stemOfSurface.keys(), options.fuzzy);
  }

  // Typo look-ups by typed word: people repeat their words, and a look-up allocates.
  private readonly typoCache = new Map<string, TokenKeys>();

  private keysOf(token: Token): TokenKeys {
    const cached = this.typoCache.get(token.text);
    if (cached !== undefined && cached.stem === token.stem) return cached;
    const typos = new Map<string, string>();
    const typoWords = new Set<string>();
    if (
      this.fuzzy !== undefined &&
      token.kind === 'word' &&
      !this.stems.has(token.stem) &&
      !this.surfaces.has(token.text) &&
      !this.stemOfSurface.has(token.text) &&
      !(this.options.notTypos?.has(token.text) ?? false)
    ) {
      for (const word of this.fuzzy.lookup(token.text)) {
        const stem = this.stemOfSurface.get(word);
        typoWords.add(word);
        if (stem !== undefined && !typos.has(stem)) typos.set(stem, word);
      }
    }
    const keys = { stem: token.stem, surface: token.text, typos, typoWords };
    if (this.typoCache.size >= MAX_CACHED_TYPOS) this.typoCache.clear();
    this.typoCache.set(token.text, keys);
    return keys;
  }

  /** Every match of every pattern in the tokens. */
  match(tokens: readonly Token[]): PhraseMatch<K>[] {
    const keys = tokens.map((t) => this.keysOf(t));
    const matches: PhraseMatch<K>[] = [];
    // Each list below holds other patterns (stems, exact words and typo readings are disjoint
    // keys), so no pattern is tried twice at one token.
    const tryAll = (patterns: readonly Pattern<K>[] | undefined, i: number) => {
      if (patterns === undefined) return;
      for (const pattern of patterns) {
        const found = this.extend(pattern, tokens, keys, i);
        if (found !== undefined) matches.push(found);
      }
    };
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i];
      if (token.kind === 'punct') continue;
      const key = keys[i];
      // Patterns that open with a number are tried only where a number (or "a", "two") stands.
      if (isNumber(token)) tryAll(this.byNumFirst, i);
      if (countOf(token) !== undefined) tryAll(this.byValueFirst, i);
      tryAll(this.byFirstStem.get(key.stem), i);
      tryAll(this.byFirstStem.get(`=${key.surface}`), i);
      for (const stem of key.typos.keys()) tryAll(this.byFirstStem.get(stem), i);
      for (const word of key.typoWords) tryAll(this.byFirstStem.get(`=${word}`), i);
    }
    return matches;
  }

  private fits(pt: PatternToken, token: Token, key: TokenKeys): string | true | false {
    if (pt.kind === 'num') return isNumber(token);
    if (pt.kind === 'many') return (countOf(token) ?? 0) >= MANY;
    if (pt.kind === 'fever_temp') return isFeverTemperature(token, pt.alone);
    if (pt.kind === 'range') return token.kind === 'number' && token.value !== undefined && token.value >= pt.min && token.value <= pt.max;
    if (pt.kind === 'exact') return key.surface === pt.surface ? true : key.typoWords.has(pt.surface) ? pt.surface : false;
    if (key.stem === pt.stem) return true;
    return key.typos.get(pt.stem) ?? false;
  }

  private extend(pattern: Pattern<K>, tokens: readonly Token[], keys: readonly TokenKeys[], start: number): PhraseMatch<K> | undefined {
    let typos: Array<{ typed: string; meant: string }> | undefined;
    let at = start;
    const own: number[] = [];
    for (let k = 0; k < pattern.tokens.length; k += 1) {
      const pt = pattern.tokens[k];
      let found = -1;
      const limit = k === 0 ? start : Math.min(tokens.length - 1, at + 1 + this.options.maxGap);
      for (let j = k === 0 ? start : at + 1; j <= limit; j += 1) {
        const token = tokens[j];
        if (token.sentence !== tokens[start].sentence || token.kind === 'punct') break;
        const fit = this.fits(pt, token, keys[j]);
        if (fit === false) continue;
        if (typeof fit === 'string') (typos ??= []).push({ typed: token.text, meant: fit });
        found = j;
        break;
      }
      if (found < 0) return undefined;
      at = found;
      own.push(found);
    }
    return { key: pattern.key, phrase: pattern.phrase, first: start, last: at, size: pattern.tokens.length, at: own, typos: typos ?? NO_TYPOS };
  }
}

/** True when two token spans share a token. */
export function overlaps(a: { readonly first: number; readonly last: number }, b: { readonly first: number; readonly last: number }): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Keeps the longest matches that do not overlap, earlier first on ties. */
export function longestFirst<K>(matches: readonly PhraseMatch<K>[]): PhraseMatch<K>[] {
  const sorted = [...matches].sort(
    (a, b) => b.size - a.size || a.typos.length - b.typos.length || a.last - a.first - (b.last - b.first) || a.first - b.first,
  );
  const taken: PhraseMatch<K>[] = [];
  for (const m of sorted) {
    if (taken.some((t) => overlaps(m, t))) continue;
    taken.push(m);
  }
  return taken.sort((a, b) => a.first - b.first);
}

/**
 * The matches worth keeping when several keys are found: per key, the longest non-overlapping
 * ones; across keys, a match is dropped only when a longer match of another key holds its words
 * ("can't breathe" hides "breathe"; words in a phrase's gap are not its own), so that partly overlapping findings both count
 * ("took all my pills" and "pills on purpose").
 */
export function bestPerKey<K>(matches: readonly PhraseMatch<K>[]): PhraseMatch<K>[] {
  const byKey = new Map<K, PhraseMatch<K>[]>();
  for (const m of matches) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
  const kept = [...byKey.values()].flatMap((list) => longestFirst(list));
  const hidden = (m: PhraseMatch<K>) =>
    kept.some(
      (o) =>
        o !== m &&
        o.key !== m.key &&
        // only words the longer phrase itself uses: "found her collapsed on the floor" keeps "collapsed", said in its gap
        m.at.every((i) => o.at.includes(i)) &&
        (o.size > m.size || (o.size === m.size && o.last - o.first < m.last - m.first)),
    );
  return kept.filter((m) => !hidden(m)).sort((a, b) => a.first - b.first);
}
