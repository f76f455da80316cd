import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { errorCode } from '../logging';
import { migrate } from './migrate';
import { DatabaseUnavailableError, type DatabaseStatus, type QueryResult, type SqlDatabase } from './sqlDatabase';

/**
 * PostgreSQL compiled to WebAssembly (PGlite), kept in a data folder: no server, same SQL. One
 * process owns the folder; PGlite runs one statement at a time.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly kind = 'pglite';
  private opening: Promise<PGlite> | undefined;
  private current: DatabaseStatus = 'closed';

  constructor(private readonly dataDir: string) {}

  async open(): Promise<void> {
    await this.database();
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
    const db = await this.database();
    const result = await db.query<Row>(sql, [...params]);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  }

  queryAutonomous<Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.query<Row>(sql, params);
  }

  withConversationLock<T>(_key: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  // One process owns the folder, so its own notifications are all there is to hear: nothing to resume.
  async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
    const db = await this.database();
    const stop = await db.listen(channel, onMessage);
    return async () => {
      if (this.current !== 'closed') await stop();
    };
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  status(): DatabaseStatus {
    return this.current;
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    this.current = 'closed';
    if (opening === undefined) return;
    const db = await opening.catch(() => undefined);
    await db?.close();
  }

  private database(): Promise<PGlite> {
    this.opening ??= this.openAndMigrate().catch((error: unknown) => {
      this.opening = undefined;
      this.current = 'unavailable';
      throw new DatabaseUnavailableError(
        `Could not open the embedded database in ${this.dataDir} (${errorCode(error)}): check that the folder is writable and that no other bot process uses it, or set DATA_DIR to another folder.`,
        { cause: error },
      );
    });
    return this.opening;
  }

  private async openAndMigrate(): Promise<PGlite> {
    this.current = 'opening';
    mkdirSync(this.dataDir, { recursive: true });
    // Loaded here, not at start-up: the first health check need not wait for it.
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(this.dataDir);
    try {
      await db.transaction(async (tx) => {
        await migrate({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          versions: async () => (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
        });
      });
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
    this.current = 'ok';
    return db;
  }
}
