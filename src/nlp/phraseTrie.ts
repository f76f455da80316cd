import type { Pattern, PatternToken, ValueTest } from './pattern';

/**
 * One node of a phrase trie: the patterns that end here and the pattern tokens that may come
 * next. Phrases that open with the same words share their nodes, so a message word is compared
 * with a shared opening once rather than once per phrase.
 */
export interface TrieNode<K> {
  /** The pattern token that leads here from the parent (absent at the root). */
  readonly via?: PatternToken;
  /** Next nodes by word stem, or by `=surface` for an exact word form. */
  readonly next: Map<string, TrieNode<K>>;
  /** Next nodes reached by a value test (`#num`, `#many`, …). */
  readonly tests: Array<{ readonly test: ValueTest; readonly node: TrieNode<K> }>;
  /** Whether some next node must directly follow this one (`+word`): only then are `+` keys looked up. */
  adjacentNext: boolean;
  /** Patterns that end here, with their place in the content so that ties keep content order. */
  readonly ends: Array<{ readonly pattern: Pattern<K>; readonly order: number }>;
}

/** The key a word or exact-form token is filed under in `next`; a word bound to the one before it (`+word`) under `+` and that key. */
export function wordKey(token: Extract<PatternToken, { kind: 'word' | 'exact' }>): string {
  const key = token.kind === 'exact' ? `=${token.surface}` : token.stem;
  return token.adjacent === true ? `+${key}` : key;
}

function testKey(test: ValueTest): string {
  if (test.kind === 'fever_temp') return `fever_temp:${test.alone}`;
  if (test.kind === 'range') return `range:${test.min}:${test.max}`;
  return test.kind;
}

function newNode<K>(via?: PatternToken): TrieNode<K> {
  return { via, next: new Map(), tests: [], ends: [], adjacentNext: false };
}

/** Builds the trie of a list of patterns; a pattern with no tokens is left out. */
export function buildTrie<K>(patterns: readonly Pattern<K>[]): TrieNode<K> {
  const root = newNode<K>();
  const testNodes = new Map<TrieNode<K>, Map<string, TrieNode<K>>>();
  patterns.forEach((pattern, order) => {
    if (pattern.tokens.length === 0) return;
    let node = root;
    for (const token of pattern.tokens) {
      if (token.kind === 'word' || token.kind === 'exact') {
        const key = wordKey(token);
        let child = node.next.get(key);
        if (child === undefined) {
          child = newNode<K>(token);
          node.next.set(key, child);
          if (token.adjacent === true) node.adjacentNext = true;
        }
        node = child;
      } else {
        const byTest = testNodes.get(node) ?? new Map<string, TrieNode<K>>();
        testNodes.set(node, byTest);
        let child = byTest.get(testKey(token));
        if (child === undefined) {
          child = newNode<K>(token);
          byTest.set(testKey(token), child);
          node.tests.push({ test: token, node: child });
        }
        node = child;
      }
    }
    node.ends.push({ pattern, order });
  });
  return root;
}

/** The surface forms a trie's words are written in, each with its stem: the lexicon typos are read against. */
export function lexiconOf<K>(patterns: readonly Pattern<K>[]): { stems: Set<string>; surfaces: Set<string>; stemOfSurface: Map<string, string> } {
  const stems = new Set<string>();
  const surfaces = new Set<string>();
  const stemOfSurface = new Map<string, string>();
  for (const pattern of patterns) {
    if (pattern.tokens.length === 0) continue;
    for (const token of pattern.tokens) {
      if (token.kind === 'word') stems.add(token.stem);
      else if (token.kind === 'exact') surfaces.add(token.surface);
      else continue;
      if (!stemOfSurface.has(token.surface)) stemOfSurface.set(token.surface, token.stem);
    }
  }
  return { stems, surfaces, stemOfSurface };
}
