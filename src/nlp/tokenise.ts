import { fold, offsetOf } from './normalise';
import { stem } from './natural';

export type TokenKind = 'word' | 'number' | 'punct';

/** A token with its place in the original text. */
export interface Token {
  /** The folded surface form ("can't", "seizure", "39.5", ","). */
  readonly text: string;
  /** Porter stem for words; the text itself for numbers and punctuation. */
  readonly stem: string;
  readonly kind: TokenKind;
  /** Character offsets in the original text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Index of the sentence the token belongs to. */
  readonly sentence: number;
  /** For numbers: the value, and a temperature unit when one was written ("103f", "39.5 °c"). */
  readonly value?: number;
  readonly unit?: 'c' | 'f';
}

/**
 * A token. Every token is built here with the same fields in the same order, so that the code
 * reading tokens always sees one shape of object (V8 optimises property reads per shape).
 */
export function makeToken(
  text: string,
  stem: string,
  kind: TokenKind,
  start: number,
  end: number,
  sentence: number,
  value?: number,
  unit?: 'c' | 'f',
): Token {
  return { text, stem, kind, start, end, sentence, value, unit };
}

// Contractions people type without the apostrophe, and spellings of "cannot", folded to one form
// so that content lists "can't breathe" once.
const CANONICAL: ReadonlyMap<string, string> = new Map(Object.entries({
  cant: "can't", cannot: "can't", dont: "don't", doesnt: "doesn't", didnt: "didn't",
  isnt: "isn't", wasnt: "wasn't", arent: "aren't", werent: "weren't", havent: "haven't",
  hasnt: "hasn't", hadnt: "hadn't", wont: "won't", wouldnt: "wouldn't", couldnt: "couldn't",
  shouldnt: "shouldn't", im: "i'm", ive: "i've", "i'v": "i've", youre: "you're", hes: "he's",
  shes: "she's", theyre: "they're", thats: "that's", whats: "what's", aint: "ain't",
  "ca'nt": "can't", "could'nt": "couldn't", "does'nt": "doesn't", "did'nt": "didn't", "is'nt": "isn't",
}));

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(Object.entries({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, couple: 2, few: 3, several: 3,
}));

/** The value of a number word ("two", "couple"), if it is one. */
export function numberWordValue(word: string): number | undefined {
  return NUMBER_WORDS.get(word);
}

const SENTENCE_END = new Set(['.', '!', '?', ';', '\n']);

// Words whose "'s" is "is" or "has" ("he's", "that's"): kept whole, like other contractions.
const NOT_POSSESSIVE = new Set(['he', 'she', 'it', 'that', 'what', 'there', 'who', 'where', 'here', 'let', 'how', 'when']);

function stemOf(word: string): string {
  // "pump's", "husband's": the possessive of a noun has the noun's stem.
  if (word.endsWith("'s") && !NOT_POSSESSIVE.has(word.slice(0, -2)) && !word.slice(0, -2).includes("'")) return stem(word.slice(0, -2));
  return word.includes("'") ? word : stem(word);
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isLetter = (code: number) => code >= 97 && code <= 122;

/** The characters JavaScript's `\s` matches. */
function isSpace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  if (code < 160) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const DEGREE = 0xb0;
const APOSTROPHE = 39;
const COLON = 58;
const POINT = 46;
const COMMA = 44;
const PUNCTUATION = new Set([...'.!?;\n,:()"-']);

/**
 * Where the temperature unit after a number ends ("39.5c", "103 f", "39 °c"), or -1 without one:
 * an optional space, degree sign and space, then "c" or "f" not followed by a letter.
 */
function unitEnd(text: string, from: number): number {
  let at = from;
  if (isSpace(text.charCodeAt(at))) at += 1;
  if (text.charCodeAt(at) === DEGREE) at += 1;
  if (isSpace(text.charCodeAt(at))) at += 1;
  const unit = text[at];
  if ((unit === 'c' || unit === 'f') && !isLetter(text.charCodeAt(at + 1))) return at + 1;
  return -1;
}

/**
 * Where the token just scanned lies in the folded text; `numberEnd` ends a number's digits (-1 for
 * other tokens); `clock` marks a clock time, whose digits are split by `numberEnd` at its colon.
 */
interface Scanned {
  start: number;
  end: number;
  numberEnd: number;
  clock: boolean;
}

/**
 * Where a clock time ("08:00", "8:30") starting at `at` ends, or -1: one or two digits, a colon,
 * minutes 00 to 59, and no digit, point or comma after them.
 */
function clockEnd(text: string, at: number): number {
  let colon = at + 1;
  if (isDigit(text.charCodeAt(colon))) colon += 1;
  if (text.charCodeAt(colon) !== COLON) return -1;
  const tens = text.charCodeAt(colon + 1);
  if (tens < 48 || tens > 53 || !isDigit(text.charCodeAt(colon + 2))) return -1;
  const after = text.charCodeAt(colon + 3);
  return isDigit(after) || after === POINT || after === COMMA ? -1 : colon + 3;
}

/**
 * Scans the next token in folded text from `from` into `into`: a number with its unit, a word
 * (with inner apostrophes), or a punctuation mark; anything else is skipped. False at the end.
 * One `Scanned` is reused for a whole message, so scanning allocates nothing.
 */
function scan(text: string, from: number, into: Scanned): boolean {
  for (let at = from; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    into.start = at;
    into.numberEnd = -1;
    into.clock = false;
    if (isDigit(code)) {
      const clock = clockEnd(text, at);
      if (clock >= 0) {
        into.numberEnd = clock - 3;
        into.end = clock;
        into.clock = true;
        return true;
      }
      let end = at + 1;
      while (isDigit(text.charCodeAt(end))) end += 1;
      if ((text[end] === '.' || text[end] === ',') && isDigit(text.charCodeAt(end + 1))) {
        end += 2;
        while (isDigit(text.charCodeAt(end))) end += 1;
      }
      const unit = unitEnd(text, end);
      into.numberEnd = end;
      into.end = unit < 0 ? end : unit;
      return true;
    }
    if (isLetter(code)) {
      let end = at + 1;
      for (;;) {
        while (isLetter(text.charCodeAt(end))) end += 1;
        if (text.charCodeAt(end) !== APOSTROPHE || !isLetter(text.charCodeAt(end + 1))) break;
        end += 1;
      }
      into.end = end;
      return true;
    }
    if (PUNCTUATION.has(text[at])) {
      into.end = at + 1;
      return true;
    }
  }
  return false;
}

/**
 * Splits text into sentences and tokens, folds contractions and stems words. Offsets always point
 * into the original text, whatever the folding did.
 */
export function tokenise(input: string): Token[] {
  const folded = fold(input);
  const { text } = folded;
  const tokens: Token[] = [];
  let sentence = 0;
  const scanned: Scanned = { start: 0, end: 0, numberEnd: -1, clock: false };
  while (scan(text, scanned.end, scanned)) {
    const { start: from, end: to, numberEnd } = scanned;
    const start = offsetOf(folded, from);
    const end = offsetOf(folded, to);
    const raw = text.slice(from, to);
    if (scanned.clock) {
      // A clock time is one number, read as the 24-hour figure (800), like "0800".
      const value = Number(text.slice(from, numberEnd)) * 100 + Number(text.slice(numberEnd + 1, to));
      tokens.push(makeToken(raw, String(value), 'number', start, end, sentence, value));
      continue;
    }
    if (numberEnd >= 0) {
      const digits = text.slice(from, numberEnd);
      const value = Number(digits.replace(',', '.'));
      const unit = numberEnd < to ? (text[to - 1] as 'c' | 'f') : undefined;
      tokens.push(makeToken(raw, digits, 'number', start, end, sentence, value, unit));
      continue;
    }
    if (SENTENCE_END.has(raw)) {
      const last = tokens[tokens.length - 1];
      if (last !== undefined && last.kind === 'punct' && SENTENCE_END.has(last.text)) {
        // "seizing?!" is an exclamation, not a question.
        if (raw === '!' && last.text === '?') tokens[tokens.length - 1] = makeToken('!', '!', last.kind, last.start, last.end, last.sentence, last.value, last.unit);
        continue;
      }
      if (raw !== '\n') tokens.push(makeToken(raw, raw, 'punct', start, end, sentence));
      if (tokens.length > 0 && tokens[tokens.length - 1].sentence === sentence) sentence += 1;
      continue;
    }
    if (!isLetter(raw.charCodeAt(0))) {
      // A hyphen inside a word joins it ("light-headed" reads as "light headed").
      if (raw === '-' && isLetter(text.charCodeAt(from - 1)) && isLetter(text.charCodeAt(to))) continue;
      tokens.push(makeToken(raw, raw, 'punct', start, end, sentence));
      continue;
    }
    const previous = tokens[tokens.length - 1];
    if (raw === 'not' && previous?.text === 'can' && previous.sentence === sentence) {
      tokens[tokens.length - 1] = makeToken("can't", "can't", previous.kind, previous.start, end, previous.sentence, previous.value, previous.unit);
      continue;
    }
    const word = CANONICAL.get(raw) ?? raw;
    tokens.push(makeToken(word, stemOf(word), 'word', start, end, sentence));
  }
  return tokens;
}

/** How many word and number tokens lie between two token indices, both included. */
export function wordsBetween(tokens: readonly Token[], from: number, to: number): number {
  let count = 0;
  for (let i = from; i <= to; i += 1) if (tokens[i].kind !== 'punct') count += 1;
  return count;
}
