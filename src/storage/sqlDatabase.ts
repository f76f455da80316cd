/** Which database holds conversation state and the audit trail. */
export type StorageKind = 'memory' | 'pglite' | 'postgres';

/** Rows and the number of rows an INSERT, UPDATE or DELETE touched. */
export interface QueryResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number;
}

/** `open`: not asked yet or still opening; `ok`: answered; `unavailable`: the last attempt failed. */
export type DatabaseStatus = 'closed' | 'opening' | 'ok' | 'unavailable';

/**
 * PostgreSQL as the rest of the code sees it: the embedded PGlite and a real server run the same SQL.
 * Opening (and migrating) happens on first use or on `open()`, never in a constructor.
 */
export interface SqlDatabase {
  readonly kind: 'pglite' | 'postgres';
  /** Open and migrate; idempotent. Rejects with a message that says what to check. */
  open(): Promise<void>;
  /**
   * Run a statement. Inside `withConversationLock` it runs in the turn's transaction, so the
   * turn's reads and writes and the lock share one connection.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Run a statement outside any turn's transaction: for records that must outlive a failed turn (the audit trail). */
  queryAutonomous<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /**
   * Run `work` while holding the conversation's lock across every instance on this database. On
   * PostgreSQL: a transaction with `pg_advisory_xact_lock`, released by commit or rollback. On PGlite,
   * one process owns the data folder, so the in-process queue is the lock and this just runs `work`.
   */
  withConversationLock<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * Hear every `NOTIFY` on `channel` from every instance on this database (PostgreSQL LISTEN). A lost
   * listening connection is opened again; `onResume` then runs, since what was sent meanwhile is gone.
   * Resolves, once listening, to a function that stops.
   */
  listen(channel: string, onMessage: (payload: string) => void, onResume?: () => void): Promise<() => Promise<void>>;
  /** Ask the database a trivial question; rejects when it does not answer. */
  ping(): Promise<void>;
  status(): DatabaseStatus;
  close(): Promise<void>;
}

/** The database could not be reached or opened: storage falls back, readiness fails. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  readonly code = 'database_unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
