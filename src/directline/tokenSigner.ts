import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a signed token says: which conversation, until when, and what it opens. */
export interface TokenClaims {
  readonly conversationId: string;
  readonly expiresAt: number;
  /** `token`: the page's bearer token; `stream`: a one-time ticket for the WebSocket. */
  readonly kind: 'token' | 'stream';
  /** Makes every token different, and lets a stream ticket be used once. */
  readonly nonce: string;
}

const claimsSchema = z.object({
  c: z.string().min(1).max(256),
  e: z.number().int().positive(),
  k: z.enum(['token', 'stream']),
  n: z.string().min(1).max(64),
});

/**
 * Tokens as signed claims (HMAC-SHA256) rather than entries in one process's memory, so a token minted
 * by one instance opens the conversation on every instance that has the same key.
 */
export class TokenSigner {
  constructor(private readonly key: () => Promise<Buffer>) {}

  async sign(claims: TokenClaims): Promise<string> {
    const payload = Buffer.from(JSON.stringify({ c: claims.conversationId, e: claims.expiresAt, k: claims.kind, n: claims.nonce })).toString('base64url');
    return `${payload}.${this.mac(await this.key(), payload)}`;
  }

  /** The claims of a token of `kind` signed with our key, expired or not; undefined for anything else. */
  async verify(token: string, kind: TokenClaims['kind']): Promise<TokenClaims | undefined> {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(await this.key(), payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const parsed = claimsSchema.safeParse(decoded);
    if (!parsed.success || parsed.data.k !== kind) return undefined;
    return { conversationId: parsed.data.c, expiresAt: parsed.data.e, kind: parsed.data.k, nonce: parsed.data.n };
  }

  private mac(key: Buffer, payload: string): string {
    return createHmac('sha256', key).update(payload).digest('base64url');
  }
}
