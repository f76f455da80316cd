import { FuzzyIndex, type TypoPolicy } from './fuzzyIndex';
import type { Pattern } from './pattern';
import { lexiconOf } from './phraseTrie';

/** How one typed word may be read as a misspelling of words of one lexicon. */
export interface TypoReading {
  /** Lexicon stems the typed word may stand for, each with the lexicon word it was taken for. */
  readonly stems: ReadonlyMap<string, string>;
  /** Lexicon words the typed word may stand for, nearest first. */
  readonly words: readonly string[];
  /** The same words as exact-form keys (`=word`). */
  readonly exactKeys: readonly string[];
}

/**
 * The words of one phrase set, for reading typos against. The deletion index is built on the first
 * look-up, not at start-up: many messages need none, and start-up time counts.
 */
export class Lexicon {
  private readonly stems: ReadonlySet<string>;
  private readonly surfaces: ReadonlySet<string>;
  private readonly stemOfSurface: ReadonlyMap<string, string>;
  private index: FuzzyIndex | undefined;

  constructor(
    patterns: readonly Pattern<unknown>[],
    private readonly policy: TypoPolicy,
    private readonly notTypos: ReadonlySet<string>,
  ) {
    ({ stems: this.stems, surfaces: this.surfaces, stemOfSurface: this.stemOfSurface } = lexiconOf(patterns));
  }

  /**
   * What a typed word (not a number) could be a misspelling of; undefined when it is a lexicon word
   * itself, a listed real word, or near no lexicon word.
   */
  typosOf(text: string, stem: string): TypoReading | undefined {
    if (this.stems.has(stem) || this.surfaces.has(text) || this.stemOfSurface.has(text) || this.notTypos.has(text)) return undefined;
    this.index ??= new FuzzyIndex(this.stemOfSurface.keys(), this.policy);
    const words = this.index.lookup(text);
    if (words.length === 0) return undefined;
    const stems = new Map<string, string>();
    for (const word of words) {
      const wordStem = this.stemOfSurface.get(word);
      if (wordStem !== undefined && !stems.has(wordStem)) stems.set(wordStem, word);
    }
    return { stems, words, exactKeys: words.map((w) => `=${w}`) };
  }
}
