import { AsyncLocalStorage } from 'node:async_hooks';
import { Client, Pool, type PoolClient } from 'pg';
import { errorCode } from '../logging';
import { migrate } from './migrate';
import { DatabaseUnavailableError, type DatabaseStatus, type QueryResult, type SqlDatabase } from './sqlDatabase';

/** What the PostgreSQL store reports besides thrown errors. */
export interface DatabaseEvents {
  /** The lock or the commit of a turn failed; the turn went on (or its state was not saved). */
  onError(fields: Record<string, unknown>, message: string): void;
}

export interface PostgresOptions {
  /** `postgres://user:password@host:5432/db`; `?options=-c search_path=…` picks a schema. */
  readonly connectionString: string;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  readonly events: DatabaseEvents;
}

/** A real PostgreSQL server through the `pg` driver, with a pool. */
export class PostgresDatabase implements SqlDatabase {
  readonly kind = 'postgres';
  private readonly pool: Pool;
  /** The connection of the turn running in this async context, inside its transaction. */
  private readonly turnConnection = new AsyncLocalStorage<PoolClient>();
  private opening: Promise<void> | undefined;
  private current: DatabaseStatus = 'closed';
  /**
   * Turns holding a connection for their lock, at most the pool less two: the audit trail and
   * readiness probes write outside the turn's transaction while the turn waits for them, so
   * they must always find a free connection.
   */
  private readonly lockSlots: Semaphore;

  constructor(private readonly options: PostgresOptions) {
    const poolSize = Math.max(3, options.poolSize ?? 10);
    this.lockSlots = new Semaphore(poolSize - 2);
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: poolSize,
      // Fail fast when the server is down, so a turn falls back instead of hanging.
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
    });
    // A connection dropped by the server, idle or in use, must not crash the process: the query on
    // it fails and says so; this only records the state.
    const lost = (error: Error): void => {
      this.current = 'unavailable';
      options.events.onError({ code: errorCode(error) }, 'database_connection_lost');
    };
    this.pool.on('error', lost);
    this.pool.on('connect', (client) => client.on('error', lost));
  }

  open(): Promise<void> {
    this.opening ??= this.migrate().catch((error: unknown) => {
      this.opening = undefined;
      this.current = 'unavailable';
      throw unavailable(error, 'open');
    });
    return this.opening;
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
    const inTurn = this.turnConnection.getStore();
    if (inTurn !== undefined) return this.run<Row>(inTurn, sql, params);
    return this.queryAutonomous<Row>(sql, params);
  }

  async queryAutonomous<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
    await this.open();
    return this.run<Row>(this.pool, sql, params);
  }

  withConversationLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.lockSlots.run(() => this.lockAndRun(key, work));
  }

  private async lockAndRun<T>(key: string, work: () => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      await this.open();
      client = await this.pool.connect();
    } catch (error) {
      // No database: the turn still runs (its triage matters more than its state); the queue keeps
      // this instance's turns of the conversation in order.
      this.options.events.onError({ code: errorCode(error) }, 'conversation_lock_unavailable');
      return work();
    }
    let result: T;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
    } catch (error) {
      client.release(true);
      this.current = 'unavailable';
      this.options.events.onError({ code: errorCode(error) }, 'conversation_lock_unavailable');
      return work();
    }
    try {
      result = await this.turnConnection.run(client, work);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw error;
    }
    try {
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      client.release(true);
      this.current = 'unavailable';
      // The replies have gone out; what is lost is this turn's state, and the log says so.
      this.options.events.onError({ code: errorCode(error) }, 'turn_state_not_committed');
    }
    return result;
  }

  async listen(channel: string, onMessage: (payload: string) => void, onResume?: () => void): Promise<() => Promise<void>> {
    const listener = new Listener(this.options.connectionString, channel, onMessage, onResume ?? (() => undefined), this.options.events);
    await listener.start();
    return () => listener.stop();
  }

  async ping(): Promise<void> {
    await this.queryAutonomous('SELECT 1');
  }

  status(): DatabaseStatus {
    return this.current;
  }

  async close(): Promise<void> {
    this.current = 'closed';
    await this.pool.end();
  }

  private async run<Row>(on: Pool | PoolClient, sql: string, params: readonly unknown[]): Promise<QueryResult<Row>> {
    try {
      const result = await on.query(sql, [...params]);
      this.current = 'ok';
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      if (isConnectionError(error)) {
        this.current = 'unavailable';
        throw unavailable(error, 'query');
      }
      throw error;
    }
  }

  private async migrate(): Promise<void> {
    this.current = 'opening';
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await migrate({
        exec: async (sql) => {
          await client.query(sql);
        },
        versions: async () => (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      });
      await client.query('COMMIT');
      this.current = 'ok';
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Errors that mean "no server", as opposed to a bad statement. */
function isConnectionError(error: unknown): boolean {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '08006', '08003', '08001'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)
  );
}

function unavailable(error: unknown, during: string): DatabaseUnavailableError {
  return new DatabaseUnavailableError(
    `PostgreSQL did not answer (${during}, ${errorCode(error)}): check that the server at DATABASE_URL is running and reachable.`,
    { cause: error },
  );
}

/**
 * A connection of its own that stays in LISTEN (a pooled one would be handed to other queries). When
 * it drops it is opened again every `RETRY_MS` until the server answers.
 */
class Listener {
  private static readonly RETRY_MS = 1000;
  private client: Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onMessage: (payload: string) => void,
    private readonly onResume: () => void,
    private readonly events: DatabaseEvents,
  ) {}

  async start(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString, connectionTimeoutMillis: 3000 });
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.onMessage(message.payload ?? '');
    });
    client.on('error', (error) => {
      this.events.onError({ code: errorCode(error) }, 'database_listen_lost');
      this.reconnectLater(client);
    });
    client.on('end', () => this.reconnectLater(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel.replace(/"/g, '""')}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw unavailable(error, 'listen');
    }
    // Stopped while this (re)connect was under way: a connection left listening would keep the process alive.
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private reconnectLater(lost: Client): void {
    if (this.stopped || this.client !== lost) return;
    this.client = undefined;
    void lost.end().catch(() => undefined);
    const attempt = (): void => {
      this.retry = setTimeout(() => {
        if (this.stopped) return;
        this.start().then(
          () => this.onResume(),
          () => attempt(),
        );
      }, Listener.RETRY_MS);
      this.retry.unref();
    };
    attempt();
  }
}

/** At most `slots` tasks at once; the rest wait in arrival order. */
class Semaphore {
  private readonly waiting: Array<() => void> = [];
  private free: number;

  constructor(slots: number) {
    this.free = slots;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}
