import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the tests use (.ci/run starts it): trust auth, database `test`. */
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of its own for one test file, so runs never see each other's rows; dropped by `drop`. */
export interface TestSchema {
  readonly name: string;
  /** `DATABASE_URL` that puts every table in this schema. */
  readonly url: string;
  /** Run SQL in the schema (for checks the bot has no API for). */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

export async function createTestSchema(): Promise<TestSchema> {
  const name = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.query(`SET search_path TO ${name}`);
  return {
    name,
    url: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${name}`)}`,
    query: async <Row>(sql: string, params: unknown[] = []) => (await admin.query(sql, params)).rows as Row[],
    drop: async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await admin.end();
    },
  };
}
