import { ConversationState, TurnContext, TestAdapter, type Activity } from 'botbuilder';
import { InMemoryStorage, PostgresDatabase, StateConflictError, TurnQueue, VersionedConversationState } from '../../src/storage';
import { createTestSchema, type TestSchema } from './support/postgres';

/** One turn at a time per conversation: the in-process queue, the advisory lock across instances, and eTags on state. */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TurnQueue', () => {
  it('runs the turns of one conversation one at a time, in arrival order, and others alongside', async () => {
    const queue = new TurnQueue();
    const events: string[] = [];
    const turn = (key: string, name: string, ms: number) =>
      queue.run(key, async () => {
        events.push(`${name} start`);
        await sleep(ms);
        events.push(`${name} end`);
      });
    await Promise.all([turn('a', 'a1', 30), turn('a', 'a2', 1), turn('b', 'b1', 5)]);
    expect(events.indexOf('a1 end')).toBeLessThan(events.indexOf('a2 start'));
    expect(events.indexOf('b1 end')).toBeLessThan(events.indexOf('a1 end'));
    expect(queue.size).toBe(0);
  });

  it('goes on with the next turn when one fails', async () => {
    const queue = new TurnQueue();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(queue.run('a', async () => 'next')).resolves.toBe('next');
  });
});

describe('the conversation lock on PostgreSQL', () => {
  let schema: TestSchema;
  let one: PostgresDatabase;
  let two: PostgresDatabase;
  beforeAll(async () => {
    schema = await createTestSchema();
    const events = { onError: () => undefined };
    one = new PostgresDatabase({ connectionString: schema.url, events });
    two = new PostgresDatabase({ connectionString: schema.url, events });
  });
  afterAll(async () => {
    await Promise.all([one.close(), two.close()]);
    await schema.drop();
  });

  it('lets two instances run turns of one conversation only one after the other, and of two conversations at once', async () => {
    const spans: Array<[string, number, number]> = [];
    const turn = (db: PostgresDatabase, key: string, name: string) =>
      db.withConversationLock(key, async () => {
        const start = performance.now();
        await sleep(150);
        spans.push([name, start, performance.now()]);
      });
    await Promise.all([turn(one, 'conv-1', 'one'), turn(two, 'conv-1', 'two'), turn(two, 'conv-2', 'other')]);
    const [first, second] = spans.filter(([name]) => name !== 'other').sort((x, y) => x[1] - y[1]);
    expect(second![1]).toBeGreaterThanOrEqual(first![2]);
    const other = spans.find(([name]) => name === 'other')!;
    expect(other[1]).toBeLessThan(second![1]);
  });

  it("runs a turn's statements in its transaction, so a failed turn leaves no half-written state", async () => {
    await one.query('CREATE TABLE IF NOT EXISTS lock_probe (n int)');
    await expect(
      one.withConversationLock('conv-3', async () => {
        await one.query('INSERT INTO lock_probe VALUES (1)');
        throw new Error('turn failed');
      }),
    ).rejects.toThrow('turn failed');
    expect(await schema.query('SELECT * FROM lock_probe')).toEqual([]);
  });
});

describe('VersionedConversationState', () => {
  function contextFor(adapter: TestAdapter): TurnContext {
    const activity: Partial<Activity> = { type: 'message', channelId: 'test', conversation: { id: 'c1', isGroup: false, conversationType: '', name: '' }, from: { id: 'u', name: 'u' }, recipient: { id: 'b', name: 'b' }, text: 'hi' };
    return new TurnContext(adapter, activity);
  }

  it('fails a save over a change made since the turn read the state, where ConversationState lets the last writer win', async () => {
    const storage = new InMemoryStorage();
    const state = new VersionedConversationState(storage);
    const counter = state.createProperty<number>('count');
    const adapter = new TestAdapter();
    const first = contextFor(adapter);
    const second = contextFor(adapter);
    expect(await counter.get(first, 0)).toBe(0);
    expect(await counter.get(second, 0)).toBe(0);
    await counter.set(first, 1);
    await state.saveChanges(first);
    await counter.set(second, 2);
    await expect(state.saveChanges(second)).rejects.toBeInstanceOf(StateConflictError);

    // The same turn can save twice: each write keeps the new eTag.
    await counter.set(first, 3);
    await state.saveChanges(first);
    expect((await storage.read(['test/conversations/c1/']))['test/conversations/c1/']).toMatchObject({ count: 3 });

    const plain = new ConversationState(storage);
    const plainCounter = plain.createProperty<number>('count');
    const stale = contextFor(adapter);
    await plainCounter.get(stale, 0);
    await counter.set(first, 4);
    await state.saveChanges(first);
    await plainCounter.set(stale, 99);
    await expect(plain.saveChanges(stale)).resolves.toBeUndefined();
  });

  it('writes only when the turn changed the state, and the next turn reads what was written', async () => {
    const writes: string[] = [];
    class CountingStorage extends InMemoryStorage {
      override async write(changes: Parameters<InMemoryStorage['write']>[0]): Promise<void> {
        writes.push(...Object.keys(changes));
        await super.write(changes);
      }
      override async writeJson(key: string, json: string, expectedEtag: string): Promise<string> {
        writes.push(key);
        return super.writeJson(key, json, expectedEtag);
      }
    }
    const state = new VersionedConversationState(new CountingStorage());
    const counter = state.createProperty<{ turns: number }>('counter');
    const adapter = new TestAdapter();

    const first = contextFor(adapter);
    (await counter.get(first, { turns: 0 })).turns += 1;
    await state.saveChanges(first);
    expect(writes).toHaveLength(1);

    const readOnly = contextFor(adapter);
    expect(await counter.get(readOnly, { turns: 0 })).toEqual({ turns: 1 });
    await state.saveChanges(readOnly);
    expect(writes).toHaveLength(1);

    const changed = contextFor(adapter);
    (await counter.get(changed, { turns: 0 })).turns += 1;
    await state.saveChanges(changed);
    expect(writes).toHaveLength(2);
    expect(await counter.get(contextFor(adapter), { turns: 0 })).toEqual({ turns: 2 });
  });
});
