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

/** Porter stem of a lower-case word. */
export function stem(word: string): string {
  return porter.stem(word);
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  return distance.DamerauLevenshteinDistance(a, b, { restricted: true });
}
