import { editDistance } from './natural';

/** How many typos a word may carry, by its length; the numbers are content (knowledge/context.yaml). */
export interface TypoPolicy {
  /** Shortest word that may carry one typo: shorter words must be spelled right. */
  readonly oneFrom: number;
  /** Shortest word that may carry two typos. */
  readonly twoFrom: number;
  /**
   * Longest word looked up at all. The deletion neighbourhood of a word grows with the square of
   * its length, so one pasted 4,000-letter "word" would otherwise cost seconds and gigabytes.
   */
  readonly longestWord: number;
}

/** How many typos a word of this length may carry; short words must be spelled right. */
export function typoAllowance(length: number, policy: TypoPolicy): number {
  if (length > policy.longestWord) return 0;
  if (length >= policy.twoFrom) return 2;
  if (length >= policy.oneFrom) return 1;
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

  constructor(words: Iterable<string>, private readonly policy: TypoPolicy) {
    for (const word of words) {
      const allowance = typoAllowance(word.length, policy);
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
    const allowance = typoAllowance(typed.length, this.policy);
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
      const limit = Math.min(allowance, typoAllowance(word.length, this.policy));
      const distance = editDistance(typed, word);
      if (distance <= limit) found.push({ word, distance });
    }
    return found.sort((a, b) => a.distance - b.distance).map((f) => f.word);
  }
}
