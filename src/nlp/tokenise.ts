import { normalise } from './normalise';
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

// Contractions people type without the apostrophe, and spellings of "cannot", folded to one form
// so that content lists "can't breathe" once.
const CANONICAL: Readonly<Record<string, string>> = {
  cant: "can't", cannot: "can't", dont: "don't", doesnt: "doesn't", didnt: "didn't",
  isnt: "isn't", wasnt: "wasn't", arent: "aren't", werent: "weren't", havent: "haven't",
  hasnt: "hasn't", hadnt: "hadn't", wont: "won't", wouldnt: "wouldn't", couldnt: "couldn't",
  shouldnt: "shouldn't", im: "i'm", ive: "i've", "i'v": "i've", youre: "you're", hes: "he's",
  shes: "she's", theyre: "they're", thats: "that's", whats: "what's", aint: "ain't",
  "ca'nt": "can't", "could'nt": "couldn't", "does'nt": "doesn't", "did'nt": "didn't", "is'nt": "isn't",
};

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, couple: 2, few: 3, several: 3,
};

/** The value of a number word ("two", "couple"), if it is one. */
export function numberWordValue(word: string): number | undefined {
  return NUMBER_WORDS[word];
}

// A clock time ("08:00") is one number, read as the 24-hour figure (800), like "0800".
const TOKEN = /(\d{1,2}):([0-5]\d)(?![\d.,])|(\d+(?:[.,]\d+)?)(?:\s?\u00B0?\s?(c|f)(?![a-z]))?|[a-z]+(?:'[a-z]+)*|[.!?;\n]|[,:()"-]/g;
const SENTENCE_END = new Set(['.', '!', '?', ';', '\n']);

// Words whose "'s" is "is" or "has" ("he's", "that's"): kept whole, like other contractions.
const NOT_POSSESSIVE = new Set(['he', 'she', 'it', 'that', 'what', 'there', 'who', 'where', 'here', 'let', 'how', 'when']);

function stemOf(word: string): string {
  // "pump's", "husband's": the possessive of a noun has the noun's stem.
  if (word.endsWith("'s") && !NOT_POSSESSIVE.has(word.slice(0, -2)) && !word.slice(0, -2).includes("'")) return stem(word.slice(0, -2));
  return word.includes("'") ? word : stem(word);
}

/**
 * Splits text into sentences and tokens, folds contractions and stems words. Offsets always point
 * into the original text, whatever the folding did.
 */
export function tokenise(input: string): Token[] {
  const { text, offsets } = normalise(input);
  const tokens: Token[] = [];
  let sentence = 0;
  for (const match of text.matchAll(TOKEN)) {
    const from = match.index ?? 0;
    const to = from + match[0].length;
    const start = offsets[from];
    const end = offsets[to];
    const raw = match[0];
    if (match[1] !== undefined) {
      const value = Number(match[1]) * 100 + Number(match[2]);
      tokens.push({ text: raw, stem: String(value), kind: 'number', start, end, sentence, value });
      continue;
    }
    if (match[3] !== undefined) {
      const value = Number(match[3].replace(',', '.'));
      const unit = match[4] as 'c' | 'f' | undefined;
      tokens.push({ text: raw.trim(), stem: match[3], kind: 'number', start, end, sentence, value, unit });
      continue;
    }
    if (SENTENCE_END.has(raw)) {
      const last = tokens[tokens.length - 1];
      if (last !== undefined && last.kind === 'punct' && SENTENCE_END.has(last.text)) {
        // "seizing?!" is an exclamation, not a question.
        if (raw === '!' && last.text === '?') tokens[tokens.length - 1] = { ...last, text: '!', stem: '!' };
        continue;
      }
      if (raw !== '\n') tokens.push({ text: raw, stem: raw, kind: 'punct', start, end, sentence });
      if (tokens.length > 0 && tokens[tokens.length - 1].sentence === sentence) sentence += 1;
      continue;
    }
    if (!/[a-z]/.test(raw)) {
      // A hyphen inside a word joins it ("light-headed" reads as "light headed").
      if (raw === '-' && /[a-z]/.test(text[from - 1] ?? '') && /[a-z]/.test(text[to] ?? '')) continue;
      tokens.push({ text: raw, stem: raw, kind: 'punct', start, end, sentence });
      continue;
    }
    const previous = tokens[tokens.length - 1];
    if (raw === 'not' && previous?.text === 'can' && previous.sentence === sentence) {
      tokens[tokens.length - 1] = { ...previous, text: "can't", stem: "can't", end };
      continue;
    }
    const word = CANONICAL[raw] ?? raw;
    tokens.push({ text: word, stem: stemOf(word), kind: 'word', start, end, sentence });
  }
  return tokens;
}

/** How many word and number tokens lie between two token indices, both included. */
export function wordsBetween(tokens: readonly Token[], from: number, to: number): number {
  let count = 0;
  for (let i = from; i <= to; i += 1) if (tokens[i].kind !== 'punct') count += 1;
  return count;
}
