import { editDistance } from './natural';

/** How many typos a word of this length may carry; short words must be spelled right. */
export function typoAllowance(length: number): number {
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

function deletions(word: string, depth: number, into: Set<string>): void {
  if (depth === 0) return;
  for (let i = 0; i < word.length; i += 1) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) {
      into.add(shorter);
      deletions(shorter, depth - 1, into);
    }
  }
}

/**
 * Finds lexicon words within a bounded edit distance of a typed word, with a symmetric-deletion
 * index so that a lookup costs a few map reads rather than a distance per lexicon word.
 * A typed word and its match must share their first letter: typos rarely change it, and
 * requiring it keeps "sneezing" away from "wheezing".
 */
export class FuzzyIndex {
  private readonly byDeletion = new Map<string, Set<string>>();

  constructor(words: Iterable<string>) {
    for (const word of words) {
      const allowance = typoAllowance(word.length);
      if (allowance === 0 || !/^[a-z]+$/.test(word)) continue;
      const variants = new Set<string>([word]);
      deletions(word, allowance, variants);
      for (const variant of variants) {
        const bucket = this.byDeletion.get(variant) ?? new Set<string>();
        bucket.add(word);
        this.byDeletion.set(variant, bucket);
      }
    }
  }

  /** Lexicon words the typed word could be a misspelling of, nearest first. */
  lookup(typed: string): string[] {
    const allowance = typoAllowance(typed.length);
    if (allowance === 0 || !/^[a-z]+$/.test(typed)) return [];
    const variants = new Set<string>([typed]);
    deletions(typed, allowance, variants);
    const candidates = new Set<string>();
    for (const variant of variants) {
      for (const word of this.byDeletion.get(variant) ?? []) candidates.add(word);
    }
    const found: Array<{ word: string; distance: number }> = [];
    for (const word of candidates) {
      if (word === typed || word[0] !== typed[0]) continue;
      const limit = Math.min(allowance, typoAllowance(word.length));
      const distance = editDistance(typed, word);
      if (distance <= limit) found.push({ word, distance });
    }
    return found.sort((a, b) => a.distance - b.distance).map((f) => f.word);
  }
}
