import type { Clock } from './conversationStore';

/** The outcome of asking a {@link RateLimiter} for one more. */
export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per client: `perMinute` at once, refilled evenly over a minute. Buckets that have
 * filled up again are forgotten, so memory follows the clients of the last minute, not all of them.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly msPerToken: number;
  private lastPrune: number;

  constructor(
    private readonly perMinute: number,
    private readonly clock: Clock,
  ) {
    this.msPerToken = 60_000 / perMinute;
    this.lastPrune = clock();
  }

  /** Take one for `client`, or say how many seconds until one is free. */
  take(client: string): RateDecision {
    const now = this.clock();
    this.pruneEveryMinute(now);
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, updatedAt: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updatedAt) / this.msPerToken);
    bucket.updatedAt = now;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * this.msPerToken) / 1000)) };
  }

  /** Clients with a bucket not yet full again. */
  get size(): number {
    return this.buckets.size;
  }

  private pruneEveryMinute(now: number): void {
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) / this.msPerToken >= this.perMinute) this.buckets.delete(client);
    }
  }
}
