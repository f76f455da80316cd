/**
 * The one module that touches `natural`. Only the stemmer and the distance are loaded: requiring
 * the whole package costs about a second and pulls in unrelated dependencies.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porter = require('natural/lib/natural/stemmers/porter_stemmer') as { stem(word: string): string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const distance = require('natural/lib/natural/distance/levenshtein_distance') as {
  DamerauLevenshteinDistance(a: string, b: string, options?: { restricted?: boolean }): number;
};

// Stemming is the costliest step of reading a message, and people use a small vocabulary.
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 50_000;

/**
 * Longer than any English word. natural's Porter stemmer takes time quadratic in a word's length
 * (8,000 letters: 0.4 s), so a pasted run of letters is left as it is.
 */
const LONGEST_STEMMED_WORD = 40;

/** Porter stem of a lower-case word; a word too long to be English is its own stem. */
export function stem(word: string): string {
  if (word.length > LONGEST_STEMMED_WORD) return word;
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = porter.stem(word);
    if (stems.size >= MAX_CACHED_STEMS) stems.clear();
    stems.set(word, stemmed);
  }
  return stemmed;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  return distance.DamerauLevenshteinDistance(a, b, { restricted: true });
}
