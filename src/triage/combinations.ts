import { overlaps, type PhraseMatch } from '../nlp/phraseMatcher';
import { sortSmall } from '../nlp/sortSmall';
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

/** The combinations of a knowledge base, with the positions of those each concept opens. */
export interface CombinationRules {
  readonly list: readonly CompiledCombination[];
  /** By first concept: positions in `list`, ascending. */
  readonly byFirstConcept: ReadonlyMap<string, readonly number[]>;
}

/** Indexes compiled combinations by their first concept, so a window only tries those it can open. */
export function combinationRules(list: readonly CompiledCombination[]): CombinationRules {
  const byFirstConcept = new Map<string, number[]>();
  list.forEach((c, position) => {
    const positions = byFirstConcept.get(c.all[0]) ?? [];
    positions.push(position);
    byFirstConcept.set(c.all[0], positions);
  });
  return { list, byFirstConcept };
}

/** A finding seen as a combination, with the concept matches it was built from. */
export interface CombinationMatch {
  readonly match: PhraseMatch<string>;
  readonly parts: readonly PhraseMatch<string>[];
}

/** A combination found, before the tightest ones are kept. */
interface Candidate {
  readonly combination: CompiledCombination;
  readonly parts: readonly PhraseMatch<string>[];
  readonly first: number;
  readonly last: number;
  /** Words from first to last. */
  readonly width: number;
}

function overlapsAny(parts: readonly PhraseMatch<string>[], m: PhraseMatch<string>): boolean {
  for (const p of parts) if (overlaps(p, m)) return true;
  return false;
}

function allPresent(ids: readonly string[], byConcept: ReadonlyMap<string, unknown>): boolean {
  for (const id of ids) if (!byConcept.has(id)) return false;
  return true;
}

/**
 * The match of a concept nearest to the anchor (the earliest of equally near ones) that overlaps
 * none of the parts taken so far and, for an ordered combination, comes after the last of them.
 */
function nearestTo(
  anchor: PhraseMatch<string>,
  matches: readonly PhraseMatch<string>[],
  parts: readonly PhraseMatch<string>[],
  inOrder: boolean,
): PhraseMatch<string> | undefined {
  const previous = parts[parts.length - 1];
  let nearest: PhraseMatch<string> | undefined;
  let distance = Infinity;
  for (const m of matches) {
    if ((inOrder && m.first <= previous.last) || overlapsAny(parts, m)) continue;
    const d = Math.abs(m.first - anchor.first);
    if (d < distance) {
      nearest = m;
      distance = d;
    }
  }
  return nearest;
}

/**
 * Findings reported as concepts near each other ("face" … "swollen", "no can" … "wake"): for each
 * place where the first concept occurs, the nearest match of every other concept, kept when the
 * whole span fits in `within` words. Per finding, the tightest non-overlapping spans are kept.
 */
export function findCombinations(
  concepts: readonly PhraseMatch<string>[],
  rules: CombinationRules,
  tokens: readonly Token[],
): CombinationMatch[] {
  // Every combination joins at least two concept matches.
  if (concepts.length < 2) return [];
  const byConcept = new Map<string, PhraseMatch<string>[]>();
  for (const m of concepts) {
    const list = byConcept.get(m.key);
    if (list === undefined) byConcept.set(m.key, [m]);
    else list.push(m);
  }
  // The combinations the concepts found can open, in content order (ties keep that order).
  const positions: number[] = [];
  for (const id of byConcept.keys()) for (const position of rules.byFirstConcept.get(id) ?? []) positions.push(position);
  sortSmall(positions, (a, b) => a - b);
  const candidates: Candidate[] = [];
  for (const position of positions) {
    const combination = rules.list[position];
    if (!allPresent(combination.all, byConcept)) continue;
    for (const anchor of byConcept.get(combination.all[0]) ?? []) {
      const parts = [anchor];
      for (let n = 1; n < combination.all.length; n += 1) {
        const nearest = nearestTo(anchor, byConcept.get(combination.all[n]) ?? [], parts, combination.inOrder);
        if (nearest === undefined) break;
        parts.push(nearest);
      }
      if (parts.length !== combination.all.length) continue;
      let first = anchor.first;
      let last = anchor.last;
      for (const p of parts) {
        first = Math.min(first, p.first);
        last = Math.max(last, p.last);
      }
      const width = wordsBetween(tokens, first, last);
      // A combination stays inside one clause: "no pain, pees fine" is not "no … pee".
      if (width > combination.within || (combination.sameClause && width !== last - first + 1)) continue;
      candidates.push({ combination, parts, first, last, width });
    }
  }
  // Per finding, the tightest matches that do not overlap: each may stand in its own context.
  sortSmall(candidates, (a, b) => a.width - b.width || a.first - b.first);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    if (kept.some((k) => k.combination.finding === c.combination.finding && overlaps(k, c))) continue;
    kept.push(c);
  }
  return kept.map(({ combination, parts, first, last }) => ({
    parts,
    match: {
      key: combination.finding,
      phrase: combination.all.join(' + '),
      first,
      last,
      size: parts.reduce((n, p) => n + p.size, 0),
      at: parts.flatMap((p) => p.at),
      typos: parts.flatMap((p) => p.typos),
    },
  }));
}
