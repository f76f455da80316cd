import { makeToken, tokenise, type Token } from './tokenise';

/** A token without a place in the text. */
type Unplaced = Pick<Token, 'text' | 'stem' | 'kind' | 'value'>;

/** What a typed word stands for, as tokens without a place in the text. */
export type Respellings = ReadonlyMap<string, readonly Unplaced[]>;

/** Compiles `typed word → plain words` pairs (texting, British, clinical shorthand) once. */
export function compileRespellings(rewrites: Iterable<readonly [string, string]>): Respellings {
  const out = new Map<string, Unplaced[]>();
  for (const [from, to] of rewrites) {
    out.set(
      from,
      tokenise(to).map(({ text, stem, kind, value }) => ({ text, stem, kind, ...(value === undefined ? {} : { value }) })),
    );
  }
  return out;
}

/**
 * Rewrites each word that a register knows into its plain form ("u" → "you", "sats" → "oxygen
 * saturation"). The new tokens keep the typed word's place, so evidence still quotes what the
 * person wrote.
 */
export function respell(tokens: readonly Token[], respellings: Respellings): Token[] {
  if (respellings.size === 0) return [...tokens];
  const out: Token[] = [];
  for (const token of tokens) {
    const plain = token.kind === 'word' ? respellings.get(token.text) : undefined;
    if (plain === undefined) out.push(token);
    else for (const p of plain) out.push(makeToken(p.text, p.stem, p.kind, token.start, token.end, token.sentence, p.value));
  }
  return out;
}
