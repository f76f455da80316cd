import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseSettings } from '../../src/config';
import { buildApp } from '../../src/index';
import { ContentError } from '../../src/triage';
import { EmulatorClient, lastTriage } from './emulatorClient';
import { measureStartup, ROOT, runToExit, withDistLock } from './measure';

/** The bot as a process, the way `npm start` runs it. */

/** What `npm start` runs, without npm in between, so the exit code is the bot's own. */
const NODE = [process.execPath, '--import', 'tsx', '--disable-warning=DEP0111', 'src/index.ts'];

describe('npm start', () => {
  // The embedded database goes to a folder of the test's own, not the checkout's ./data.
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'startup-data-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('becomes healthy on a free port with no .env, and stops on SIGTERM', async () => {
    // Memory: npm exits on SIGTERM at once, while a bot still creating its embedded database finishes that
    // first. Starting and restarting on PGlite is tested in test/storage/restartAndOutage.test.ts.
    // Not while another test file runs `npm run build`: npm start would pick up a half-written dist/.
    const figures = await withDistLock(() => measureStartup(['npm', 'start'], 30_000, undefined, { DATA_DIR: dataDir, STORAGE: 'memory' }));
    console.log(`npm start to a healthy /healthz: ${figures.healthyMs.toFixed(0)} ms; SIGTERM to exit: ${figures.stopMs.toFixed(0)} ms`);
    expect(figures.port).toBeGreaterThan(0);
    // Not a fetch of the freed port: another test's server may take it at once.
    expect(figures.groupAliveAfterStop).toBe(false);
  }, 60_000);

  it('from the sources (no build) builds the bot after listening and answers a message', async () => {
    // The bot loads botbuilder and the dialogs late, with import(): the sources need tsx's hooks for both require and import.
    await measureStartup(['npm', 'start'], 30_000, async (port) => {
      const client = await EmulatorClient.start(`http://127.0.0.1:${port}/api/messages`);
      try {
        const turn = await client.conversation().say('he has collapsed and is not breathing');
        expect(turn.status).toBe(200);
        expect(lastTriage(turn.replies)?.level).toBe('emergency');
      } finally {
        await client.close();
      }
    }, { STORAGE: 'memory', START_FROM: 'sources' });
  }, 60_000);

  it('in local mode listens on this machine only', async () => {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
    await measureStartup(NODE, 30_000, async (port) => {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      if (lan !== undefined) await expect(fetch(`http://${lan}:${port}/healthz`)).rejects.toThrow();
    }, { STORAGE: 'memory' });
  }, 60_000);

  it('exits 0 after a graceful SIGTERM', async () => {
    // Memory storage: a SIGTERM while the embedded database is still being created waits for it, which is not what this measures.
    const figures = await measureStartup(NODE, 30_000, undefined, { STORAGE: 'memory' });
    console.log(`node --import tsx to a healthy /healthz: ${figures.healthyMs.toFixed(0)} ms`);
    expect(figures.exitCode).toBe(0);
  }, 60_000);

  it.each([
    [{ PORT: 'abc' }, 'Invalid setting PORT="abc": expected a whole number from 0 to 65535 (0 picks a free port).'],
    [{ LOG_LEVEL: 'loud' }, 'Invalid setting LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent.'],
  ])('stops with exit code 1 and one line for a bad setting %j', async (env, line) => {
    const result = await runToExit(NODE, env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(line);
  }, 60_000);
});

describe('content that cannot be used', () => {
  it('stops the build with the file and path of every problem, never a half-working bot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
    cpSync(join(ROOT, 'knowledge'), dir, { recursive: true });
    const findings = join(dir, 'findings.yaml');
    writeFileSync(findings, readFileSync(findings, 'utf8').replace(/^version:.*$/m, 'version: "1"\nsurprise_key: true'));
    const parsed = parseSettings({});
    if (!parsed.ok) throw new Error(parsed.error.message);
    let thrown: unknown;
    try {
      buildApp(parsed.settings, pino({ level: 'silent' }), { knowledgeDir: dir });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContentError);
    expect((thrown as ContentError).problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: expect.stringContaining('findings.yaml') })]));
  });
});
