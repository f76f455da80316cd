/** Text folded for matching, with the offset in the original text of every character. */
export interface NormalisedText {
  readonly text: string;
  /** `offsets[i]` is where character `i` of `text` came from; one extra entry marks the end. */
  readonly offsets: readonly number[];
}

/**
 * A stretch of folded text starting at `folded` that came from the input at `input`: character for
 * character (`linear`, a run of ASCII), or all from one input character (an accented letter, an
 * emoji, a ligature).
 */
interface Segment {
  readonly folded: number;
  readonly input: number;
  readonly linear: boolean;
}

/** Text folded for matching, and where its characters came from (see `offsetOf`). */
export interface FoldedText {
  readonly text: string;
  /** In order of `folded`; the last one marks the end of both texts. */
  readonly segments: readonly Segment[];
}

/** Where character `i` of folded text came from in the input; `text.length` gives the input's length. */
export function offsetOf(folded: FoldedText, i: number): number {
  const { segments } = folded;
  // The last segment starting at or before i (a character folded to nothing leaves an empty one).
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (segments[middle].folded <= i) low = middle;
    else high = middle - 1;
  }
  const s = segments[low];
  return s.linear ? s.input + (i - s.folded) : s.input;
}

const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u0060\u00B4\u2032]/u;
const QUOTES = /[\u201C\u201D\u201E\u00AB\u00BB]/u;
const DASHES = /[\u2010-\u2015\u2212]/u;
const MARKS = /\p{M}/gu;
// Emoji, pictographs, symbols and controls carry no words: they become spaces.
const NOISE = /[\p{Extended_Pictographic}\p{So}\p{Sk}\p{Cc}\p{Co}\p{Cn}]/u;
// Invisible format characters (zero-width space and joiners, soft hyphen, BOM, bidi marks) and
// variation selectors sit inside words: they are removed, so "sei\u00ADzure" still reads "seizure".
const INVISIBLE = /[\p{Cf}\uFE00-\uFE0F]/u;

// Arrows in clinical notes mean a change: "tone ↑" is "tone up", "BP ↓" is "BP down".
const ARROWS: Readonly<Record<string, string>> = { '\u2191': ' up ', '\u2193': ' down ', '\u21E7': ' up ', '\u21E9': ' down ' };

function foldCodePoint(ch: string): string {
  if (ch === '\n') return '\n';
  const arrow = ARROWS[ch];
  if (arrow !== undefined) return arrow;
  if (ch === '\u00B0') return '\u00B0'; // degree sign, kept for temperatures
  if (APOSTROPHES.test(ch)) return "'";
  if (QUOTES.test(ch)) return '"';
  if (DASHES.test(ch)) return '-';
  if (INVISIBLE.test(ch)) return '';
  if (NOISE.test(ch)) return ' ';
  if (/\s/u.test(ch)) return ' ';
  return ch.normalize('NFKD').replace(MARKS, '').normalize('NFKC').toLowerCase();
}

// ASCII controls other than the newline become spaces; a backtick is an apostrophe.
const ASCII_CONTROLS = /[\x00-\x09\x0B-\x1F\x7F]/g;
const BACKTICKS = /`/g;

/** Folds a run of ASCII text, character for character: lower case, controls to spaces. */
function foldAscii(run: string): string {
  return run.toLowerCase().replace(ASCII_CONTROLS, ' ').replace(BACKTICKS, "'");
}

function nextNonAscii(input: string, from: number): number {
  for (let i = from; i < input.length; i += 1) if (input.charCodeAt(i) >= 128) return i;
  return input.length;
}

/**
 * Lower-cases and folds odd Unicode (curly quotes, full-width letters, accents, emoji) into plain
 * text, keeping where each stretch came from. ASCII (most of most messages) folds character for
 * character, so a message costs a few segments rather than an offset per character.
 */
export function fold(input: string): FoldedText {
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  let index = 0;
  while (index < input.length) {
    const runEnd = nextNonAscii(input, index);
    if (runEnd > index) {
      segments.push({ folded: length, input: index, linear: true });
      parts.push(foldAscii(input.slice(index, runEnd)));
      length += runEnd - index;
      index = runEnd;
      continue;
    }
    const code = input.charCodeAt(index);
    const pair = code >= 0xd800 && code <= 0xdbff && (input.charCodeAt(index + 1) & 0xfc00) === 0xdc00;
    const ch = input.slice(index, index + (pair ? 2 : 1));
    const folded = foldCodePoint(ch);
    segments.push({ folded: length, input: index, linear: false });
    parts.push(folded);
    length += folded.length;
    index += ch.length;
  }
  segments.push({ folded: length, input: input.length, linear: true });
  return { text: parts.length === 1 ? parts[0] : parts.join(''), segments };
}

/**
 * Lower-cases and folds odd Unicode (curly quotes, full-width letters, accents, emoji) into plain
 * text, keeping a map back to the original so matches can quote what the person wrote.
 */
export function normalise(input: string): NormalisedText {
  const folded = fold(input);
  return { text: folded.text, offsets: Array.from({ length: folded.text.length + 1 }, (_, i) => offsetOf(folded, i)) };
}
