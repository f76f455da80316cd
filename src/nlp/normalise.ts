/** Text folded for matching, with the offset in the original text of every character. */
export interface NormalisedText {
  readonly text: string;
  /** `offsets[i]` is where character `i` of `text` came from; one extra entry marks the end. */
  readonly offsets: readonly number[];
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

// Most text is ASCII: fold it without the Unicode tables.
function foldAscii(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
  if (code === 10) return '\n';
  if (code < 32 || code === 127) return ' ';
  if (code === 96) return "'";
  return ch;
}

/**
 * Lower-cases and folds odd Unicode (curly quotes, full-width letters, accents, emoji) into plain
 * text, keeping a map back to the original so matches can quote what the person wrote.
 */
export function normalise(input: string): NormalisedText {
  let text = '';
  const offsets: number[] = [];
  let index = 0;
  for (const ch of input) {
    const folded = ch.length === 1 && ch.charCodeAt(0) < 128 ? foldAscii(ch) : foldCodePoint(ch);
    for (let i = 0; i < folded.length; i += 1) offsets.push(index);
    text += folded;
    index += ch.length;
  }
  offsets.push(index);
  return { text, offsets };
}
