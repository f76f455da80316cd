import { InMemoryStorage } from '../../src/storage';

/** Memory storage forgets a conversation nobody has written to for its time to live. */
describe('InMemoryStorage with a time to live', () => {
  const TTL_MS = 60_000;

  it('reads an idle conversation as absent once its time is up, and the next write removes it', async () => {
    let now = 0;
    const storage = new InMemoryStorage({ clock: () => now, idleTtlMs: TTL_MS });
    await storage.write({ old: { turns: 1 } });
    now += TTL_MS / 2;
    await storage.write({ recent: { turns: 1 } });

    now += TTL_MS / 2 + 1;
    expect(await storage.read(['old', 'recent'])).toEqual({ recent: expect.objectContaining({ turns: 1 }) });
    expect(await storage.readJson('old')).toBeUndefined();
    expect(storage.size).toBe(2);

    await storage.write({ new: { turns: 1 } });
    expect(storage.size).toBe(2);
    expect(Object.keys(await storage.read(['old', 'recent', 'new']))).toEqual(['recent', 'new']);
  });

  it('keeps a conversation that is written to, however old it is', async () => {
    let now = 0;
    const storage = new InMemoryStorage({ clock: () => now, idleTtlMs: TTL_MS });
    for (let turn = 1; turn <= 5; turn += 1) {
      await storage.write({ talking: { turns: turn } });
      now += TTL_MS - 1;
      await storage.write({ other: { turns: turn } });
    }
    expect(await storage.read(['talking'])).toEqual({ talking: expect.objectContaining({ turns: 5 }) });
  });

  it('lets a new conversation start under an expired one\'s key', async () => {
    let now = 0;
    const storage = new InMemoryStorage({ clock: () => now, idleTtlMs: TTL_MS });
    await storage.write({ key: { turns: 1 } });
    now += TTL_MS + 1;
    await expect(storage.writeJson('key', '{"turns":1}', 'absent')).resolves.toEqual(expect.any(String));
  });
});
