/**
 * `npm run bench:storage`: the storage figures for the record, side by side in one run. Per-turn
 * latency over HTTP and throughput on memory, the embedded PGlite and PostgreSQL (127.0.0.1:5432,
 * a schema of its own, dropped after), then start-up to a healthy /healthz and a ready /readyz
 * through tsx and compiled (run `npm run build` first). Usage: npm run bench:storage [-- --turns 300 --starts 3]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestSchema } from '../storage/support/postgres';
import { converse, startBot, type RunningBot } from './botHarness';
import { measureTurnLatency, percentile, ROOT } from './measure';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Turns per second with `parallel` conversations at once, each a short triage. */
async function throughput(bot: RunningBot, parallel: number, rounds: number): Promise<number> {
  const before = bot.client.posts.length;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = 0; i < rounds; i += 1) await converse(bot.client.conversation(), ['I feel dizzy and sleepy']);
    }),
  );
  return ((bot.client.posts.length - before) * 1000) / (performance.now() - started);
}

async function storageFigures(turns: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-pglite-'));
  const schema = await createTestSchema();
  const kinds: Array<[string, Record<string, string>]> = [
    ['memory', { STORAGE: 'memory' }],
    ['pglite', { STORAGE: 'pglite', DATA_DIR: dataDir }],
    ['postgres', { STORAGE: 'postgres', DATABASE_URL: schema.url }],
  ];
  try {
    console.log('storage   turns  p50 ms  p90 ms  p99 ms  sequential turns/s  8 parallel turns/s');
    for (const [kind, env] of kinds) {
      const bot = await startBot({ ...env, LOG_LEVEL: 'warn' });
      try {
        const started = performance.now();
        const f = await measureTurnLatency(bot, turns);
        const sequential = (f.turns * 1000) / (performance.now() - started);
        const parallel = await throughput(bot, 8, 5);
        console.log(
          `${kind.padEnd(8)}  ${String(f.turns).padStart(5)}  ${f.medianMs.toFixed(1).padStart(6)}  ${f.p90Ms.toFixed(1).padStart(6)}  ${f.p99Ms.toFixed(1).padStart(6)}  ${sequential.toFixed(0).padStart(18)}  ${parallel.toFixed(0).padStart(18)}${f.failedTurns > 0 ? `  (${f.failedTurns} failed)` : ''}`,
        );
      } finally {
        await bot.close();
      }
    }
  } finally {
    await schema.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Spawn, then time the first 200 from /healthz and from /readyz; SIGTERM after. */
async function startup(command: readonly string[], env: Record<string, string>): Promise<{ healthyMs: number; readyMs: number }> {
  const port = String(39_000 + Math.floor(Math.random() * 900));
  const started = performance.now();
  const [file = 'node', ...args] = command;
  const child = spawn(file, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: port, LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  const until = async (path: string): Promise<number> => {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}${path}`)).status === 200) return performance.now() - started;
      } catch {
        // Not listening yet.
      }
      if (performance.now() - started > 60_000) throw new Error(`startup: ${path} never answered 200`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  try {
    const healthyMs = await until('/healthz');
    const readyMs = await until('/readyz');
    return { healthyMs, readyMs };
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

async function startupFigures(starts: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-start-'));
  const commands: Array<[string, string[]]> = [
    ['tsx', [process.execPath, '--import', 'tsx', '--disable-warning=DEP0111', 'src/index.ts']],
    ...(existsSync(join(ROOT, 'dist', 'index.js')) ? [['compiled', [process.execPath, 'dist/index.js']] as [string, string[]]] : []),
  ];
  try {
    // The first open creates the embedded database; the figures are for later starts.
    const first = await startup(commands[0]![1], { DATA_DIR: dataDir });
    console.log(`first start (creates the embedded database): healthy ${first.healthyMs.toFixed(0)} ms, ready ${first.readyMs.toFixed(0)} ms`);
    for (const [name, command] of commands) {
      const runs: Array<{ healthyMs: number; readyMs: number }> = [];
      for (let i = 0; i < starts; i += 1) runs.push(await startup(command, { DATA_DIR: dataDir }));
      const median = (pick: (r: { healthyMs: number; readyMs: number }) => number) => percentile(runs.map(pick).sort((a, b) => a - b), 0.5).toFixed(0);
      console.log(`${name} start, ${starts} runs: healthy median ${median((r) => r.healthyMs)} ms, ready (PGlite open) median ${median((r) => r.readyMs)} ms`);
    }
    if (commands.length < 2) console.log('no dist/: run `npm run build` for the compiled figures');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await storageFigures(option('turns', 300));
  await startupFigures(option('starts', 3));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
