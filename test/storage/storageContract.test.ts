import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreItems } from 'botbuilder';
import { ABSENT_ETAG, InMemoryStorage, PgliteDatabase, PostgresDatabase, SqlStorage, StateConflictError, type EtagStorage, type SqlDatabase } from '../../src/storage';
import { MIGRATIONS } from '../../src/storage/migrations';
import { createTestSchema, type TestSchema } from './support/postgres';

/** The eTag contract every storage keeps: memory, the embedded PGlite and a real PostgreSQL server. */

const noEvents = { onError: () => undefined };

interface Backend {
  readonly storage: EtagStorage;
  close(): Promise<void>;
}

const backends: Record<string, () => Promise<Backend>> = {
  memory: async () => ({ storage: new InMemoryStorage(), close: async () => undefined }),
  pglite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pglite-'));
    const db = new PgliteDatabase(dir);
    return {
      storage: new SqlStorage(db),
      close: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  postgres: async () => {
    const schema = await createTestSchema();
    const db = new PostgresDatabase({ connectionString: schema.url, events: noEvents });
    return {
      storage: new SqlStorage(db),
      close: async () => {
        await db.close();
        await schema.drop();
      },
    };
  },
};

describe.each(Object.keys(backends))('%s storage', (name) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await backends[name]!();
  }, 60_000);
  afterAll(() => backend.close());

  it('reads back what it wrote, with an eTag, and nothing for an unknown key', async () => {
    await backend.storage.write({ a: { session: { voice: 'staff' } } });
    const items = await backend.storage.read(['a', 'missing']);
    expect(items['a']).toEqual({ session: { voice: 'staff' }, eTag: expect.any(String) });
    expect(items['missing']).toBeUndefined();
  });

  it('gives every write a new eTag and sets it on the item written', async () => {
    const item = { n: 1 } as StoreItems[string];
    await backend.storage.write({ b: item });
    const first = item.eTag as string;
    await backend.storage.write({ b: item });
    expect(item.eTag).not.toBe(first);
    expect((await backend.storage.read(['b']))['b']?.eTag).toBe(item.eTag);
  });

  it('refuses a write with a stale eTag, and keeps the newer state', async () => {
    await backend.storage.write({ c: { n: 1 } });
    const read1 = (await backend.storage.read(['c']))['c']!;
    const read2 = (await backend.storage.read(['c']))['c']!;
    await backend.storage.write({ c: { ...read1, n: 2 } });
    await expect(backend.storage.write({ c: { ...read2, n: 3 } })).rejects.toBeInstanceOf(StateConflictError);
    expect((await backend.storage.read(['c']))['c']).toMatchObject({ n: 2 });
  });

  it('lets eTag * (and no eTag) overwrite whatever is stored', async () => {
    await backend.storage.write({ d: { n: 1 } });
    await backend.storage.write({ d: { n: 2, eTag: '*' } });
    expect((await backend.storage.read(['d']))['d']).toMatchObject({ n: 2 });
  });

  it('writes state read as absent only if nobody stored it since', async () => {
    await backend.storage.write({ f: { n: 1, eTag: ABSENT_ETAG } });
    await expect(backend.storage.write({ f: { n: 2, eTag: ABSENT_ETAG } })).rejects.toBeInstanceOf(StateConflictError);
    expect((await backend.storage.read(['f']))['f']).toMatchObject({ n: 1 });
  });

  it('deletes', async () => {
    await backend.storage.write({ e: { n: 1 } });
    await backend.storage.delete(['e']);
    expect(await backend.storage.read(['e'])).toEqual({});
  });
});

describe('database lifecycle', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(() => schema.drop());

  it('migrates once even when two instances open the same database at the same moment', async () => {
    const dbs: SqlDatabase[] = [0, 1].map(() => new PostgresDatabase({ connectionString: schema.url, events: noEvents }));
    await Promise.all(dbs.map((db) => db.open()));
    const versions = await schema.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((step) => step.version));
    expect(dbs.map((db) => db.status())).toEqual(['ok', 'ok']);
    await Promise.all(dbs.map((db) => db.close()));
  });

  it('says what to check when the server cannot be reached', async () => {
    const db = new PostgresDatabase({ connectionString: 'postgres://postgres@127.0.0.1:1/test', events: noEvents });
    await expect(db.open()).rejects.toThrow(/PostgreSQL did not answer .*check that the server at DATABASE_URL is running/);
    expect(db.status()).toBe('unavailable');
    await db.close();
  });
});
