import { randomUUID } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import { ABSENT_ETAG, documentOf, expectedEtag, StateConflictError, type EtagStorage } from './etagStorage';
import type { SqlDatabase } from './sqlDatabase';

/** Conversation state in the `bot_state` table, with real eTags (see `EtagStorage`). */
export class SqlStorage implements EtagStorage {
  constructor(private readonly db: SqlDatabase) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const { rows } = await this.db.query<{ key: string; doc: Record<string, unknown>; etag: string }>(
      'SELECT key, doc, etag FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.doc, eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const etag = randomUUID();
      const doc = JSON.stringify(documentOf(item));
      const expected = expectedEtag(item);
      if (expected === ABSENT_ETAG) {
        const { rowCount } = await this.db.query(
          'INSERT INTO bot_state (key, doc, etag, updated_at) VALUES ($1, $2::jsonb, $3, now()) ON CONFLICT (key) DO NOTHING',
          [key, doc, etag],
        );
        if (rowCount !== 1) throw new StateConflictError(key);
      } else if (expected === undefined) {
        await this.db.query(
          `INSERT INTO bot_state (key, doc, etag, updated_at) VALUES ($1, $2::jsonb, $3, now())
           ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc, etag = EXCLUDED.etag, updated_at = now()`,
          [key, doc, etag],
        );
      } else {
        const { rowCount } = await this.db.query('UPDATE bot_state SET doc = $2::jsonb, etag = $3, updated_at = now() WHERE key = $1 AND etag = $4', [key, doc, etag, expected]);
        if (rowCount !== 1) throw new StateConflictError(key);
      }
      item.eTag = etag;
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }

  /** Conversations stored. */
  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bot_state', []);
    return rows[0]?.n ?? 0;
  }

  /** Delete conversations nobody has written to since `before`; returns how many. */
  async deleteIdleSince(before: Date): Promise<number> {
    const { rowCount } = await this.db.queryAutonomous('DELETE FROM bot_state WHERE updated_at < $1', [before.toISOString()]);
    return rowCount;
  }
}
