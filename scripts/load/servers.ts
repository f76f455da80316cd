import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

/** A server process the load test started, and how to stop it. */
export interface ServerProcess {
  readonly name: string;
  readonly baseUrl: string;
  /** Milliseconds from starting the process to a healthy /healthz: the start-up a CPU profile leaves out. */
  readonly startupMs: number;
  /** CPU time the process has used so far (user + system), in ms; undefined where /proc is not available. */
  cpuMs(): number | undefined;
  stop(): Promise<number | null>;
}

/** Clock ticks per second of /proc/<pid>/stat's times: 100 on Linux. */
const CLOCK_TICKS = 100;

/** User plus system CPU time of a process, from /proc (Linux); undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // The command name (field 2) may hold spaces; the times are fields 14 and 15, counted after its ')'.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS : undefined;
  } catch {
    return undefined;
  }
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('load: could not find a free port');
  return address.port;
}

/**
 * Start `entry` (a TypeScript file) with node and tsx on a free port, output discarded, and wait for
 * its /healthz. With `profileDir`, node writes CPU profiles to `profileDir/name/` when the process
 * exits: one per thread (tsx's loader runs in a thread of its own).
 */
export async function startServer(name: string, entry: string, env: Record<string, string>, profileDir?: string): Promise<ServerProcess> {
  const port = await freePort();
  const args = [
    '--import',
    'tsx',
    '--disable-warning=DEP0111',
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, name)}`] : []),
    join(ROOT, entry),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const spawned = performance.now();
  await waitHealthy(child, baseUrl, name);
  const startupMs = performance.now() - spawned;
  return { name, baseUrl, startupMs, cpuMs: () => processCpuMs(child.pid), stop: () => stop(child) };
}

async function waitHealthy(child: ChildProcess, baseUrl: string, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`load: ${name} exited with ${child.exitCode} before it was healthy`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`load: ${name} was not healthy within 60 s`);
}

function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => {
    child.once('exit', (code) => done(code));
    child.kill('SIGTERM');
  });
}
