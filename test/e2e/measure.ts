import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunningBot } from './botHarness';
import { converse } from './botHarness';

/** Figures for the closing note: per-turn latency over HTTP and start-up time. Measured, not asserted. */

export const ROOT = resolve(__dirname, '..', '..');

/**
 * Runs `work` holding a lock that test files share: `npm run build` rewrites dist/ file by file, and
 * `npm start` starts dist/index.js when it is newer than the sources, so the two must not overlap.
 * A lock left by a killed run is taken over after ten minutes.
 */
export async function withDistLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), `baclofen-bot-dist-${Buffer.from(ROOT).toString('hex').slice(-24)}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface LatencyFigures {
  readonly turns: number;
  /** Turns that did not answer 200 (their times are in the figures too). */
  readonly failedTurns: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** The value at `fraction` (0..1) of sorted samples, nearest-rank. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Count, median, p90, p99 and max of latency samples (ms). */
export function summarise(samples: readonly number[]): Omit<LatencyFigures, 'failedTurns'> {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    turns: sorted.length,
    medianMs: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}

/** A mix of what people send: symptoms that lead to questions, emergencies, questions, commands. */
const SCRIPTS: readonly (readonly string[])[] = [
  ['I feel dizzy and sleepy'],
  ["I can't breathe"],
  ['can I drink alcohol with baclofen?'],
  ["I've been dizzy every day for two months on baclofen"],
  ["I'm a bit nauseous on baclofen", 'wait, my husband just collapsed'],
  ['I skipped baclofen for 3 days and my muscles are getting stiffer'],
  ['accidentally took an extra baclofen pill'],
  ['help', 'I have a headache', 'start over'],
];

/**
 * Time every HTTP turn (POST to the end of the response, by which time the replies have been
 * delivered to the serviceUrl) over whole conversations until at least `minTurns` turns, counting
 * the turns that did not answer 200. A few warm-up conversations first are not counted.
 */
export async function measureTurnLatency(bot: RunningBot, minTurns = 300): Promise<LatencyFigures> {
  for (const script of SCRIPTS) await converse(bot.client.conversation(), script);
  const first = bot.client.posts.length;
  for (let n = 0; bot.client.posts.length - first < minTurns; n += 1) {
    const conversation = bot.client.conversation();
    await conversation.join();
    await converse(conversation, SCRIPTS[n % SCRIPTS.length] ?? []);
  }
  const posts = bot.client.posts.slice(first);
  return { ...summarise(posts.map((p) => p.ms)), failedTurns: posts.filter((p) => p.status !== 200).length };
}

export interface StartupFigures {
  /** From spawning the command to the first 200 from /healthz. */
  readonly healthyMs: number;
  /** From SIGTERM to the process exiting. */
  readonly stopMs: number;
  readonly exitCode: number | null;
  readonly port: number;
  /** Whether any process of the spawned group (npm, tsx, node) was still running once the command exited. */
  readonly groupAliveAfterStop: boolean;
  /** CPU time (user + system) the spawned process had used when it was healthy; steadier than wall time on a busy machine. Linux only. */
  readonly cpuMsAtHealthy?: number;
}

/**
 * Spawn the bot as `npm start` does (PORT=0, so a free port; read from the start-up line), wait for
 * a healthy /healthz, then stop it with SIGTERM.
 */
export async function measureStartup(
  command: readonly string[] = ['npm', 'start'],
  timeoutMs = 30_000,
  whileHealthy: (port: number) => Promise<void> = async () => undefined,
  env: Record<string, string> = {},
): Promise<StartupFigures> {
  const started = performance.now();
  const [file = 'npm', ...args] = command;
  const child = spawn(file, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = collectOutput(child);
  try {
    const port = await portFromStartLine(child, timeoutMs);
    const base = `http://127.0.0.1:${port}`;
    while (!(await healthy(base))) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`measureStartup: the bot exited (${child.exitCode ?? child.signalCode}) after its start-up line, before /healthz answered 200.\n${output()}`);
      }
      if (performance.now() - started > timeoutMs) throw new Error(`measureStartup: /healthz never answered 200 within ${timeoutMs} ms.\n${output()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const healthyMs = performance.now() - started;
    const cpuMsAtHealthy = child.pid === undefined ? undefined : cpuMsOf(child.pid);
    await whileHealthy(port);
    const stopping = performance.now();
    const exitCode = await stop(child);
    const stopMs = performance.now() - stopping;
    // npm may exit before the bot it started has finished draining; on a loaded machine that takes
    // a few seconds, so allow the default drain deadline (10 s) before calling anything left an orphan.
    const groupAliveAfterStop = child.pid !== undefined && (await groupStillRunning(child.pid, 10_000));
    return { healthyMs, stopMs, exitCode, port, groupAliveAfterStop, ...(cpuMsAtHealthy === undefined ? {} : { cpuMsAtHealthy }) };
  } finally {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}

/** User + system CPU milliseconds of a process so far, from /proc (clock ticks of 10 ms); undefined elsewhere. */
function cpuMsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // After the command name: state is field 3, utime 14 and stime 15 of the whole line.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Everything the process wrote so far, both streams, for an error message. */
function collectOutput(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text.slice(-4_000);
}

/** One probe, given up after a second so a stuck connection cannot eat the whole time-out. */
async function healthy(base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Whether the process group led by `pid` still has a member after `graceMs`. Children reparented on
 * exit keep the group id, so this sees a bot that outlived npm.
 */
async function groupStillRunning(pid: number, graceMs: number): Promise<boolean> {
  const deadline = performance.now() + graceMs;
  for (;;) {
    try {
      process.kill(-pid, 0);
    } catch {
      return false;
    }
    if (performance.now() > deadline) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Read stdout until the friendly start-up line names the URL. */
function portFromStartLine(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`measureStartup: no start-up line within ${timeoutMs} ms.\n${output}\n${errors}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Emulator: http:\/\/localhost:(\d+)\/api\/messages/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`measureStartup: the bot exited with ${code} before starting.\n${output}\n${errors}`));
    });
  });
}

/** SIGTERM to the whole process group (npm, tsx, node); resolves with the exit code. */
function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveCode) => {
    child.once('exit', (code) => resolveCode(code));
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  });
}

/** Run a command to completion and collect its output. */
export function runToExit(command: readonly string[], env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [file = 'npm', ...args] = command;
  return new Promise((resolveRun, reject) => {
    const child = spawn(file, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`runToExit: still running after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}
