import { overlaps, type PhraseMatch } from '../nlp/phraseMatcher';
import { wordsBetween, type Token } from '../nlp/tokenise';

/** A finding's combination, compiled: these concepts within this many words, in any order. */
export interface CompiledCombination {
  readonly finding: string;
  readonly all: readonly string[];
  readonly within: number;
  /** The concepts must come in the order listed ("can't" before "wake"). */
  readonly inOrder: boolean;
  /** The concepts must be in one clause (no comma or dash between them). */
  readonly sameClause: boolean;
}

/** A finding seen as a combination, with the concept matches it was built from. */
export interface CombinationMatch {
  readonly match: PhraseMatch<string>;
  readonly parts: readonly PhraseMatch<string>[];
}

/**
 * Findings reported as concepts near each other ("face" … "swollen", "no can" … "wake"): for each
 * place where the first concept occurs, the nearest match of every other concept, kept when the
 * whole span fits in `within` words. Per finding, the tightest non-overlapping spans are kept.
 */
export function findCombinations(
  concepts: readonly PhraseMatch<string>[],
  combinations: readonly CompiledCombination[],
  tokens: readonly Token[],
): CombinationMatch[] {
  // Every combination joins at least two concept matches.
  if (concepts.length < 2) return [];
  const byConcept = new Map<string, PhraseMatch<string>[]>();
  for (const m of concepts) byConcept.set(m.key, [...(byConcept.get(m.key) ?? []), m]);
  const candidates: Array<CombinationMatch & { readonly width: number }> = [];
  for (const combination of combinations) {
    const [first, ...rest] = combination.all;
    for (const anchor of byConcept.get(first) ?? []) {
      const parts = [anchor];
      for (const id of rest) {
        const previous = parts[parts.length - 1];
        const nearest = (byConcept.get(id) ?? [])
          .filter((m) => !parts.some((p) => overlaps(p, m)) && (!combination.inOrder || m.first > previous.last))
          .sort((a, b) => Math.abs(a.first - anchor.first) - Math.abs(b.first - anchor.first))[0];
        if (nearest === undefined) break;
        parts.push(nearest);
      }
      if (parts.length !== combination.all.length) continue;
      const from = Math.min(...parts.map((p) => p.first));
      const to = Math.max(...parts.map((p) => p.last));
      const width = wordsBetween(tokens, from, to);
      // A combination stays inside one clause: "no pain, pees fine" is not "no … pee".
      if (width > combination.within || (combination.sameClause && width !== to - from + 1)) continue;
      candidates.push({
        width,
        parts,
        match: {
          key: combination.finding,
          phrase: combination.all.join(' + '),
          first: from,
          last: to,
          size: parts.reduce((n, p) => n + p.size, 0),
          at: parts.flatMap((p) => p.at),
          typos: parts.flatMap((p) => p.typos),
        },
      });
    }
  }
  // Per finding, the tightest matches that do not overlap: each may stand in its own context.
  candidates.sort((a, b) => a.width - b.width || a.match.first - b.match.first);
  const kept: Array<CombinationMatch & { readonly width: number }> = [];
  for (const c of candidates) {
    if (kept.some((k) => k.match.key === c.match.key && overlaps(k.match, c.match))) continue;
    kept.push(c);
  }
  return kept.map(({ match, parts }) => ({ match, parts }));
}
