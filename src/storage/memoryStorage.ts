import { randomUUID } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import { ABSENT_ETAG, documentOf, expectedEtag, StateConflictError, type EtagStorage } from './etagStorage';

/** Conversation state in this process only (`STORAGE=memory`), with the same eTag contract as the database. */
export class InMemoryStorage implements EtagStorage {
  private readonly items = new Map<string, { doc: string; etag: string; updatedAt: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (item !== undefined) found[key] = { ...(JSON.parse(item.doc) as Record<string, unknown>), eTag: item.etag };
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const expected = expectedEtag(item);
      const stored = this.items.get(key);
      const conflict = expected === ABSENT_ETAG ? stored !== undefined : expected !== undefined && stored?.etag !== expected;
      if (conflict) throw new StateConflictError(key);
      const etag = randomUUID();
      this.items.set(key, { doc: JSON.stringify(documentOf(item)), etag, updatedAt: this.clock() });
      item.eTag = etag;
    }
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
}
