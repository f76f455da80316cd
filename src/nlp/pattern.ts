import { numberWordValue, tokenise, type Token } from './tokenise';

/**
 * One element of a compiled phrase. `adjacent` (`+anymore` in content): this word follows the one
 * before it directly, with no gap, so "no point +anymore" does not read "no point taking it anymore".
 */
export type PatternToken =
  | { readonly kind: 'word'; readonly stem: string; readonly surface: string; readonly adjacent?: true }
  /** `=confused` in content: this word form only, not every word with its stem ("confusing"). */
  | { readonly kind: 'exact'; readonly stem: string; readonly surface: string; readonly adjacent?: true }
  | { readonly kind: 'num' }
  /** `#many`: a count of six or more ("took 20 tablets"), more than any single dose. */
  | { readonly kind: 'many' }
  | { readonly kind: 'fever_temp'; readonly alone: boolean }
  /** `#num:1-9` in content: a number from 1 to 9 inclusive ("rr #num:1-9" for a slow breathing rate). */
  | { readonly kind: 'range'; readonly min: number; readonly max: number };

/** A pattern token that tests a value rather than naming a word. */
export type ValueTest = Exclude<PatternToken, { kind: 'word' | 'exact' }>;

/** A content phrase with what it stands for, compiled. */
export interface Pattern<K> {
  readonly key: K;
  readonly phrase: string;
  readonly tokens: readonly PatternToken[];
}

const RANGE = /^#num:(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/;

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

/** Every phrase compiled so far, by its text: for the content cache to keep beside the content. */
export function compiledPhrases(): ReadonlyMap<string, readonly PatternToken[]> {
  return compiled;
}

/**
 * Phrases compiled by this same code in an earlier start (kept by the content cache, keyed by a hash
 * of the code): compiling them again would give these tokens.
 */
export function rememberCompiledPhrases(phrases: ReadonlyMap<string, readonly PatternToken[]>): void {
  for (const [phrase, tokens] of phrases) if (!compiled.has(phrase)) compiled.set(phrase, tokens);
}

function compileUncached(phrase: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  const parts = phrase.trim().split(/\s+/);
  for (const written of parts) {
    // `+` binds a word to the one before it; the first word has none before it.
    const adjacent = written.startsWith('+') && written.length > 1 && tokens.length > 0;
    const part = written.startsWith('+') ? written.slice(1) : written;
    const first = tokens.length;
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
    const bound = tokens[first];
    if (adjacent && bound !== undefined && (bound.kind === 'word' || bound.kind === 'exact')) tokens[first] = { ...bound, adjacent: true };
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

/** Whether a token passes a value test (`#num`, `#many`, `#fever_temp`, `#num:1-9`). */
export function passes(test: ValueTest, token: Token): boolean {
  if (test.kind === 'num') return isNumber(token);
  if (test.kind === 'many') return (countOf(token) ?? 0) >= MANY;
  if (test.kind === 'fever_temp') return isFeverTemperature(token, test.alone);
  // Figures and number words alike: "five weeks" is "#num:3-52 weeks".
  const value = countOf(token);
  return value !== undefined && value >= test.min && value <= test.max;
}
