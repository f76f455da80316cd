import { randomBytes as cryptoRandomBytes } from 'node:crypto';

/** Produces the unguessable ids and secrets the embedded Direct Line hands out. */
export interface IdSource {
  conversationId(): string;
  token(): string;
  userId(): string;
}

/** Builds an {@link IdSource} from crypto-strength random bytes (base64url encoded). */
export function createRandomIdSource(randomBytes: (size: number) => Buffer = cryptoRandomBytes): IdSource {
  const random = (size: number): string => randomBytes(size).toString('base64url');
  return {
    // 16 bytes = 128 bits: not enumerable, and short enough for URLs and logs.
    conversationId: () => random(16),
    // Tokens and stream tickets are bearer secrets: 256 bits.
    token: () => random(32),
    // The `dl_` prefix is what Direct Line and Web Chat reserve for server-assigned user ids.
    userId: () => `dl_${random(12)}`,
  };
}
