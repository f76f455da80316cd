import type { StoreItems } from 'botbuilder';
import { errorCode } from '../logging';
import { StateConflictError, type EtagStorage } from './etagStorage';

/** The eTag of state that could not be read: writing it back would overwrite what is stored, so it is never written. */
export const UNREAD_ETAG = 'unread:database-unavailable';

export interface StorageLog {
  error(fields: Record<string, unknown>, message: string): void;
}

/**
 * Keeps the bot answering while the database is down: a failed read gives a fresh conversation
 * (so the current message is still triaged, emergency advice included), a failed write or delete
 * is logged and skipped. An eTag conflict is not an outage and still throws.
 */
export class FailSoftStorage implements EtagStorage {
  constructor(
    private readonly inner: EtagStorage,
    private readonly log: StorageLog,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    try {
      return await this.inner.read(keys);
    } catch (error) {
      this.report(error, 'read');
      return Object.fromEntries(keys.map((key) => [key, { eTag: UNREAD_ETAG }]));
    }
  }

  async write(changes: StoreItems): Promise<void> {
    const writable = Object.fromEntries(Object.entries(changes).filter(([, item]) => item.eTag !== UNREAD_ETAG));
    if (Object.keys(writable).length < Object.keys(changes).length) {
      this.log.error({ code: 'state_not_saved' }, 'storage_unavailable: state read while the database was down is not saved, so it cannot overwrite the stored conversation');
    }
    if (Object.keys(writable).length === 0) return;
    try {
      await this.inner.write(writable);
    } catch (error) {
      if (error instanceof StateConflictError) throw error;
      this.report(error, 'write');
    }
  }

  async delete(keys: string[]): Promise<void> {
    try {
      await this.inner.delete(keys);
    } catch (error) {
      this.report(error, 'delete');
    }
  }

  private report(error: unknown, operation: string): void {
    this.log.error({ code: errorCode(error), operation }, 'storage_unavailable: the turn goes on without stored state; check the database');
  }
}
