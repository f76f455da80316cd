import { MIGRATION_LOCK_KEY, MIGRATIONS, MIGRATIONS_TABLE } from './migrations';

/** One connection inside a transaction the caller opened. */
export interface MigrationConnection {
  exec(sql: string): Promise<void>;
  versions(): Promise<readonly number[]>;
}

/**
 * Bring the schema up to date on a connection that is inside a transaction. Takes the migrations'
 * advisory lock first, so a second instance starting at the same moment waits and then finds
 * nothing left to do. Returns the versions it applied.
 */
export async function migrate(connection: MigrationConnection): Promise<number[]> {
  await connection.exec(`SELECT pg_advisory_xact_lock(hashtextextended('${MIGRATION_LOCK_KEY}', 0))`);
  await connection.exec(MIGRATIONS_TABLE);
  const done = new Set(await connection.versions());
  const applied: number[] = [];
  for (const step of MIGRATIONS) {
    if (done.has(step.version)) continue;
    await connection.exec(step.sql);
    await connection.exec(`INSERT INTO schema_migrations (version) VALUES (${step.version})`);
    applied.push(step.version);
  }
  return applied;
}
