import { resolve } from 'node:path';
import type { Storage } from 'botbuilder';
import type { StorageSettings } from '../config';
import { errorCode } from '../logging';
import { FailSoftStorage } from './failSoftStorage';
import { InMemoryStorage } from './memoryStorage';
import { PgliteDatabase } from './pgliteDatabase';
import { serialisedTurns, type TurnHandler } from './serialisedTurns';
import type { PostgresOptions } from './postgresDatabase';
import type { DatabaseStatus, SqlDatabase, StorageKind } from './sqlDatabase';
import { SqlStorage } from './sqlStorage';

/** What `/healthz` says about storage: which one, and whether its database answered just now. */
export interface StorageHealth {
  readonly storage: StorageKind;
  /** `none` for memory. */
  readonly database: DatabaseStatus | 'none';
}

export interface StorageLogger {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Where conversation state is kept, turn serialisation and the database behind them, built from settings. */
export interface StorageRuntime {
  readonly kind: StorageKind;
  /** For the bot's `ConversationState` (a `VersionedConversationState`, so every write checks its eTag). */
  readonly stateStorage: Storage;
  /** Undefined for memory. */
  readonly database?: SqlDatabase;
  /** Turns of one conversation one at a time: the in-process queue, plus the database lock on PostgreSQL. */
  serialise(handler: TurnHandler): TurnHandler;
  /** Delete conversations idle since `before`; returns how many. */
  deleteIdleSince(before: Date): Promise<number>;
  /** Conversations stored now. */
  conversationCount(): Promise<number>;
  /** Open (and migrate) the database now rather than on the first turn. */
  open(): Promise<void>;
  /** Ask the database, waiting at most `timeoutMs`; never waits for a database not yet open or still opening. */
  probe(timeoutMs?: number): Promise<StorageHealth>;
  close(): Promise<void>;
}

export interface StorageOptions {
  /**
   * How long a conversation lives without a turn. Memory storage forgets it then by itself (its
   * memory is released as new conversations arrive); a database's rows go with the retention pass.
   */
  readonly conversationTtlMs?: number;
  /** Milliseconds clock; `Date.now` unless a test moves time. */
  readonly clock?: () => number;
}

/**
 * Build storage without opening anything: PGlite in `DATA_DIR`, PostgreSQL at `DATABASE_URL`, or
 * memory. The database opens on `open()` or on first use.
 */
export function createStorage(settings: StorageSettings, logger: StorageLogger, options: StorageOptions = {}): StorageRuntime {
  if (settings.kind === 'memory') {
    const storage = new InMemoryStorage({
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.conversationTtlMs !== undefined ? { idleTtlMs: options.conversationTtlMs } : {}),
    });
    return {
      kind: 'memory',
      stateStorage: storage,
      serialise: (handler) => serialisedTurns(handler, undefined),
      deleteIdleSince: (before) => storage.deleteIdleSince(before),
      conversationCount: async () => storage.size,
      open: async () => undefined,
      probe: async () => ({ storage: 'memory', database: 'none' }),
      close: async () => undefined,
    };
  }
  const events = { onError: (fields: Record<string, unknown>, message: string) => logger.error(fields, message) };
  const database: SqlDatabase = settings.kind === 'pglite' ? new PgliteDatabase(resolve(settings.dataDir)) : postgres(settings.databaseUrl, events);
  const sql = new SqlStorage(database);
  const failSoft = new FailSoftStorage(sql, logger);
  return {
    kind: settings.kind,
    database,
    stateStorage: failSoft,
    serialise: (handler) => serialisedTurns(handler, database),
    deleteIdleSince: (before) => sql.deleteIdleSince(before),
    conversationCount: () => sql.count(),
    open: async () => {
      const started = Date.now();
      try {
        await database.open();
        logger.info({ storage: settings.kind, ms: Date.now() - started }, 'storage_ready');
      } catch (error) {
        logger.error({ storage: settings.kind, code: errorCode(error), message: error instanceof Error ? error.message : String(error) }, 'storage_unavailable');
      }
    },
    probe: async (timeoutMs = 1000) => {
      // Asking a database that is not open would open it (PGlite: a second of work) instead of answering.
      const status = database.status();
      if (status === 'opening' || status === 'closed') return { storage: settings.kind, database: status };
      const answered = await withTimeout(database.ping(), timeoutMs);
      return { storage: settings.kind, database: answered ? 'ok' : 'unavailable' };
    },
    close: () => database.close(),
  };
}

/** Loaded only when used: the `pg` driver costs every start a tenth of a second, and most use the embedded database. */
function postgres(connectionString: string, events: PostgresOptions['events']): SqlDatabase {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PostgresDatabase } = require('./postgresDatabase') as typeof import('./postgresDatabase');
  return new PostgresDatabase({ connectionString, events });
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((done) => {
    timer = setTimeout(() => done(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
