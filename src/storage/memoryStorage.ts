import { randomUUID } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import { ABSENT_ETAG, documentOf, expectedEtag, StateConflictError, type JsonDocumentStorage } from './etagStorage';

export interface InMemoryStorageOptions {
  /** Milliseconds clock; `Date.now` unless a test moves time. */
  readonly clock?: () => number;
  /**
   * A conversation nobody has written to for this long is gone: reads find nothing and the next
   * write removes it. Without it, conversations stay until `deleteIdleSince` removes them.
   */
  readonly idleTtlMs?: number;
}

interface Item {
  readonly doc: string;
  readonly etag: string;
  readonly updatedAt: number;
}

/**
 * Conversation state in this process only (`STORAGE=memory`), with the same eTag contract as the
 * database. Items are kept in the order they were last written, so the idle ones are at the front
 * and expiring them costs one step per expired conversation, never a scan of the live ones.
 */
export class InMemoryStorage implements JsonDocumentStorage {
  private readonly items = new Map<string, Item>();
  private readonly clock: () => number;
  private readonly idleTtlMs: number | undefined;

  constructor(options: InMemoryStorageOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.idleTtlMs = options.idleTtlMs;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.live(this.items.get(key));
      if (item === undefined) continue;
      const doc = JSON.parse(item.doc) as Record<string, unknown>;
      doc['eTag'] = item.etag;
      found[key] = doc;
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      item.eTag = this.store(key, JSON.stringify(documentOf(item)), expectedEtag(item));
    }
  }

  async readJson(key: string): Promise<{ readonly json: string; readonly etag: string } | undefined> {
    const item = this.live(this.items.get(key));
    return item === undefined ? undefined : { json: item.doc, etag: item.etag };
  }

  async writeJson(key: string, json: string, expectedEtag: string): Promise<string> {
    return this.store(key, json, expectedEtag === '*' ? undefined : expectedEtag);
  }

  /** Stores `doc` if `expected` (see `expectedEtag`) allows; returns the new eTag. */
  private store(key: string, doc: string, expected: string | undefined): string {
    this.expireIdle();
    const stored = this.live(this.items.get(key));
    const conflict = expected === ABSENT_ETAG ? stored !== undefined : expected !== undefined && stored?.etag !== expected;
    if (conflict) throw new StateConflictError(key);
    const etag = randomUUID();
    // Deleted first, so the map's order stays the order of last writes.
    this.items.delete(key);
    this.items.set(key, { doc, etag, updatedAt: this.clock() });
    return etag;
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  async deleteIdleSince(before: Date): Promise<number> {
    let deleted = 0;
    for (const [key, item] of this.items) {
      if (item.updatedAt < before.getTime()) {
        this.items.delete(key);
        deleted += 1;
      }
    }
    return deleted;
  }

  /** Conversations stored now, expired ones not yet removed included. */
  get size(): number {
    return this.items.size;
  }

  /**
   * Removes the conversations idle past the time to live, from the front of the write order (a clock
   * set back may leave one for `deleteIdleSince`, which looks at every conversation).
   */
  expireIdle(): number {
    if (this.idleTtlMs === undefined) return 0;
    const oldestLive = this.oldestLive();
    let deleted = 0;
    for (const [key, item] of this.items) {
      if (item.updatedAt >= oldestLive) break;
      this.items.delete(key);
      deleted += 1;
    }
    return deleted;
  }

  /** The item unless it has expired (and not yet been removed). */
  private live(item: Item | undefined): Item | undefined {
    return item !== undefined && item.updatedAt >= this.oldestLive() ? item : undefined;
  }

  /** The last-write time of the oldest conversation still live. */
  private oldestLive(): number {
    return this.idleTtlMs === undefined ? Number.NEGATIVE_INFINITY : this.clock() - this.idleTtlMs;
  }
}
