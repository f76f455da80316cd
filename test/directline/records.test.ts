import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryConversationRecords, SqlConversationRecords, type ConversationRecords } from '../../src/directline';
import type { ActivityChange } from '../../src/directline/conversationRecords';
import { PgliteDatabase, PostgresDatabase } from '../../src/storage';
import { createTestSchema } from '../storage/support/postgres';
import { waitFor } from '../support/waitFor';

/** What every place the embedded Direct Line keeps conversations must do: memory, the embedded PGlite, a PostgreSQL server. */

const noEvents = { onError: () => undefined };

interface Backend {
  readonly records: ConversationRecords;
  close(): Promise<void>;
}

const backends: Record<string, () => Promise<Backend>> = {
  memory: async () => ({ records: new MemoryConversationRecords(), close: async () => undefined }),
  pglite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pglite-dl-'));
    const db = new PgliteDatabase(dir);
    // Creating the embedded database takes seconds: here, not in the first test.
    await db.open();
    return {
      records: new SqlConversationRecords(db),
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
      records: new SqlConversationRecords(db),
      close: async () => {
        await db.close();
        await schema.drop();
      },
    };
  },
};

const message = (text: string) => ({ type: 'message', text, timestamp: '2025-01-01T09:00:00.000Z', channelId: 'directline', conversation: { id: 'c1' } });
const texts = (page: { activities: { activity: Record<string, unknown> }[] }) => page.activities.map((e) => e.activity['text']);

describe.each(Object.keys(backends))('Direct Line records on %s', (name) => {
  let backend: Backend;
  let records: ConversationRecords;
  beforeAll(async () => {
    backend = await backends[name]!();
    records = backend.records;
  }, 60_000);
  afterAll(() => backend.close());

  it('numbers activities in order, reads after a watermark and keeps the newest maxHistory', async () => {
    await records.create({ id: 'c1', started: false, lastActiveAt: 1000 });
    for (const text of ['one', 'two', 'three', 'four']) await records.append('c1', message(text), 2000, 3);
    const all = await records.since('c1', 0);
    expect(texts(all)).toEqual(['two', 'three', 'four']);
    expect(all.lastSeq).toBe(4);
    expect(all.activities.map((e) => e.activity.id)).toEqual(['c1|0000002', 'c1|0000003', 'c1|0000004']);
    expect(texts(await records.since('c1', 3))).toEqual(['four']);
    expect((await records.load('c1'))?.lastActiveAt).toBe(2000);
  });

  it('starts a conversation once, whoever asks second', async () => {
    await records.create({ id: 'c2', started: false, lastActiveAt: 1000 });
    expect(await records.claimStart('c2', { id: 'u1' }, 'en-US', 1500)).toBe(true);
    expect(await records.claimStart('c2', { id: 'u2' }, 'fr-FR', 1600)).toBe(false);
    expect(await records.load('c2')).toEqual({ id: 'c2', user: { id: 'u1' }, locale: 'en-US', started: true, lastActiveAt: 1500 });
  });

  it('replaces and removes an activity by id, and tells listeners of additions and updates', async () => {
    const heard: ActivityChange[] = [];
    const stop = await records.onChange((change) => {
      if (change !== 'resume' && change.conversationId === 'c3') heard.push(change);
    });
    try {
      await records.create({ id: 'c3', started: true, lastActiveAt: 1000 });
      const first = await records.append('c3', message('hello'), 1000, 10);
      await records.append('c3', message('bye'), 1000, 10);
      const replaced = await records.replace('c3', first!.activity.id, (old) => ({ ...old, text: 'hello again' }));
      expect(replaced).toMatchObject({ id: 'c3|0000001', text: 'hello again' });
      expect(await records.at('c3', 1)).toMatchObject({ text: 'hello again' });
      expect(await records.remove('c3', 'c3|0000002')).toBe(true);
      expect(await records.remove('c3', 'c3|0000002')).toBe(false);
      expect(await records.replace('c3', 'other|0000001', (old) => old)).toBeUndefined();
      expect(texts(await records.since('c3', 0))).toEqual(['hello again']);
      await waitFor(() => heard.length === 3);
      expect(heard).toEqual([
        { conversationId: 'c3', seq: 1, kind: 'added' },
        { conversationId: 'c3', seq: 2, kind: 'added' },
        { conversationId: 'c3', seq: 1, kind: 'updated' },
      ]);
    } finally {
      await stop();
    }
  });

  it('forgets a conversation\'s activities and goes on numbering after them', async () => {
    await records.create({ id: 'c4', started: true, lastActiveAt: 1000 });
    await records.append('c4', message('my private symptoms'), 1000, 10);
    await records.append('c4', message('advice'), 1000, 10);
    expect(await records.forgetActivities('c4')).toBe(2);
    expect(texts(await records.since('c4', 0))).toEqual([]);
    const next = await records.append('c4', message('forgotten'), 1000, 10);
    expect(next?.seq).toBe(3);
    expect(texts(await records.since('c4', 0))).toEqual(['forgotten']);
  });

  it('ends idle conversations with their activities, and refuses activities for them afterwards', async () => {
    await records.create({ id: 'old', started: true, lastActiveAt: 5000 });
    await records.append('old', message('x'), 5000, 10);
    await records.create({ id: 'new', started: true, lastActiveAt: 9000 });
    await records.touch('old', 6000);
    expect(await records.deleteIdleSince(6000)).toEqual(expect.arrayContaining(['old']));
    expect(await records.load('old')).toBeUndefined();
    expect(await records.load('new')).toBeDefined();
    expect(await records.append('old', message('late'), 7000, 10)).toBeUndefined();
    expect(await records.since('old', 0)).toEqual({ activities: [], lastSeq: 0 });
  });

  it('keeps one signing key of 32 bytes', async () => {
    const key = await records.signingKey();
    expect(key).toHaveLength(32);
    expect((await records.signingKey()).equals(key)).toBe(true);
  });
});

describe('Direct Line records: two instances on one PostgreSQL database', () => {
  it('share the signing key, and each hears the activities the other stores', async () => {
    const schema = await createTestSchema();
    const [dbA, dbB] = [0, 1].map(() => new PostgresDatabase({ connectionString: schema.url, events: noEvents }));
    try {
      const [a, b] = [new SqlConversationRecords(dbA!), new SqlConversationRecords(dbB!)];
      const [keyA, keyB] = await Promise.all([a.signingKey(), b.signingKey()]);
      expect(keyA.equals(keyB)).toBe(true);
      const heardOnA: ActivityChange[] = [];
      const stop = await a.onChange((change) => {
        if (change !== 'resume') heardOnA.push(change);
      });
      try {
        await b.create({ id: 'shared', started: true, lastActiveAt: 1000 });
        await Promise.all(['one', 'two', 'three'].map((text) => b.append('shared', message(text), 1000, 10)));
        await waitFor(() => heardOnA.length === 3);
        expect(heardOnA.map((c) => c.seq).sort()).toEqual([1, 2, 3]);
        expect((await a.since('shared', 0)).lastSeq).toBe(3);
      } finally {
        await stop();
      }
    } finally {
      await Promise.all([dbA!.close(), dbB!.close()]);
      await schema.drop();
    }
  }, 30_000);
});
