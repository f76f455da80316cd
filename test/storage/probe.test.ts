import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage } from '../../src/storage';

const quiet = { info: () => undefined, error: () => undefined };

describe('asking storage how it is', () => {
  it('does not open the embedded database: a health check before start-up opened it answers at once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'probe-'));
    const storage = createStorage({ kind: 'pglite', dataDir: join(dataDir, 'db') }, quiet);
    try {
      expect(await storage.probe()).toEqual({ storage: 'pglite', database: 'closed' });
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
