/**
 * Whole-message word lists (commands, yes/no, closings, choice labels), matched the forgiving way
 * people type in chat: case, punctuation and apostrophes do not matter ("Not sure." = "not sure",
 * "dont know" = "don't know").
 */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A set of phrases that match a whole message, or its start followed by more words. The `*Normalised`
 * methods take text already passed through `normalizePhrase` (a turn normalises its message once).
 */
export class PhraseSet {
  private readonly phrases: ReadonlySet<string>;

  constructor(phrases: readonly string[]) {
    this.phrases = new Set(phrases.map(normalizePhrase).filter((p) => p.length > 0));
  }

  /** True when the whole message is one of the phrases. */
  matches(text: string): boolean {
    return this.matchesNormalised(normalizePhrase(text));
  }

  matchesNormalised(normalised: string): boolean {
    return this.phrases.has(normalised);
  }

  /** True when one of the phrases is in the message as whole words. */
  occursInNormalised(normalised: string): boolean {
    const padded = ` ${normalised} `;
    for (const phrase of this.phrases) if (padded.includes(` ${phrase} `)) return true;
    return false;
  }

  /** True when one of the phrases is in the message as whole words, and not right after one of `negators` ("not by mistake"). */
  occursUnnegatedInNormalised(normalised: string, negators: PhraseSet): boolean {
    const padded = ` ${normalised} `;
    for (const phrase of this.phrases) {
      // Most messages hold none of the phrases: the words are looked at only around one that occurs.
      if (padded.includes(` ${phrase} `) && occursUnnegated(normalised.split(' '), phrase.split(' '), negators)) return true;
    }
    return false;
  }

  /** The longest phrase the message starts with (as whole words), or undefined. */
  prefixOf(text: string): string | undefined {
    return this.prefixOfNormalised(normalizePhrase(text));
  }

  prefixOfNormalised(normalised: string): string | undefined {
    let best: string | undefined;
    for (const phrase of this.phrases) {
      if ((normalised === phrase || normalised.startsWith(`${phrase} `)) && (best === undefined || phrase.length > best.length)) {
        best = phrase;
      }
    }
    return best;
  }
}

/** Whether `phrase` occurs in `words` somewhere not right after one of `negators` (one or two words before it). */
function occursUnnegated(words: readonly string[], phrase: readonly string[], negators: PhraseSet): boolean {
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (!phrase.every((word, j) => words[i + j] === word)) continue;
    const before = [1, 2].map((n) => words.slice(Math.max(0, i - n), i).join(' '));
    if (!before.some((w) => w !== '' && negators.matchesNormalised(w))) return true;
  }
  return false;
}
