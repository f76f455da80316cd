/**
 * `npm run load`: the triage bot against an echo bot on the same stack, side by side in one run.
 * N concurrent conversations of mixed multi-turn scripts (first turns, button answers, card submits,
 * emergencies) for T seconds against each, over /api/messages with `deliveryMode: expectReplies`.
 * Checks every conversation's final level and prints turns/s, p50/p95/p99 and the ratio to the echo.
 *
 *   npm run load [-- --connections 10 --seconds 10 --warmup 3 --cpu-prof]
 *
 * `--cpu-prof` writes each server's CPU profiles to build/profiles/ and prints where the time went
 * (start-up left out: the samples before each server answered /healthz).
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runConversation, SCRIPTS, TurnClient, type BotKind, type TurnSample } from './load/conversations';
import { printProfile } from './load/profile';
import { ROOT, startServer, type ServerProcess } from './load/servers';

interface Options {
  readonly connections: number;
  readonly seconds: number;
  readonly warmup: number;
  readonly cpuProf: boolean;
}

/** Length of one round against each bot: the two take turns, so both see the same machine. */
const ROUND_SECONDS = 2;

function readOptions(argv: readonly string[]): Options {
  const number = (name: string, fallback: number): number => {
    const index = argv.indexOf(`--${name}`);
    if (index === -1) return fallback;
    const value = Number(argv[index + 1]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`load: --${name} takes a whole number above 0, e.g. --${name} ${fallback}`);
    return value;
  };
  return { connections: number('connections', 10), seconds: number('seconds', 10), warmup: number('warmup', 3), cpuProf: argv.includes('--cpu-prof') };
}

/** What one run against one bot produced. */
interface DriveResult {
  readonly samples: readonly TurnSample[];
  readonly seconds: number;
  /** The server's CPU time during the run, when it can be read. */
  readonly cpuMs?: number;
  readonly failed: number;
  readonly conversations: number;
  readonly wrongLevels: readonly string[];
}

/** N users, each running scripts one conversation after another until `seconds` have passed. */
async function drive(server: ServerProcess, kind: BotKind, connections: number, seconds: number): Promise<DriveResult> {
  const client = new TurnClient(new URL(`${server.baseUrl}/api/messages`), connections);
  const cpuBefore = server.cpuMs();
  const samples: TurnSample[] = [];
  const wrongLevels: string[] = [];
  let failed = 0;
  let conversations = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const user = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const script = SCRIPTS[next++ % SCRIPTS.length]!;
      const result = await runConversation(client, script, kind, samples);
      conversations += 1;
      if (!result.ok) failed += 1;
      else if (kind === 'triage' && result.level !== script.expect) wrongLevels.push(`${script.name}: ${result.level}, expected ${script.expect}`);
    }
  };
  await Promise.all(Array.from({ length: connections }, user));
  client.close();
  const cpuAfter = server.cpuMs();
  const cpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return { samples, seconds: (performance.now() - started) / 1000, ...(cpuMs !== undefined ? { cpuMs } : {}), failed, conversations, wrongLevels };
}

interface RunFigures {
  readonly turns: number;
  readonly turnsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** Server CPU time per turn (ms): steadier than latency on a busy machine. */
  readonly cpuMsPerTurn: number;
  readonly errors: number;
  readonly conversations: number;
  readonly wrongLevels: readonly string[];
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}

/** The runs against one bot, as one. */
function combine(runs: readonly DriveResult[]): RunFigures {
  const sorted = runs.flatMap((run) => run.samples.map((s) => s.ms)).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return {
    turns: sorted.length,
    turnsPerSecond: sorted.length / seconds,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    cpuMsPerTurn: runs.reduce((sum, run) => sum + (run.cpuMs ?? Number.NaN), 0) / sorted.length,
    errors: runs.reduce((sum, run) => sum + run.samples.filter((s) => !s.ok).length + run.failed, 0),
    conversations: runs.reduce((sum, run) => sum + run.conversations, 0),
    wrongLevels: runs.flatMap((run) => run.wrongLevels),
  };
}

function row(name: string, f: RunFigures): string {
  const cells = [
    f.turnsPerSecond.toFixed(0),
    f.p50.toFixed(1),
    f.p95.toFixed(1),
    f.p99.toFixed(1),
    f.cpuMsPerTurn.toFixed(2).padStart(11),
    f.turns,
    f.conversations,
    f.errors,
    f.wrongLevels.length,
  ];
  return `| ${name.padEnd(6)} | ${cells.map((cell) => String(cell).padStart(7)).join(' | ')} |`;
}

/** The main thread's profile: the largest of the process's (tsx's loader thread writes a small one). */
function busiestProfile(dir: string): string {
  const sized = readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => ({ path: join(dir, file), size: statSync(join(dir, file)).size }))
    .sort((a, b) => b.size - a.size);
  if (sized[0] === undefined) throw new Error(`load: no CPU profile in ${dir}`);
  return sized[0].path;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const profileDir = options.cpuProf ? join(ROOT, 'build', 'profiles') : undefined;
  if (profileDir) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  console.log(
    `${options.connections} concurrent conversations, ${options.seconds} s against each bot in ${ROUND_SECONDS} s rounds (after ${options.warmup} s warm-up), expectReplies over /api/messages`,
  );

  const echoServer = await startServer('echo', 'scripts/load/echoBot.ts', {}, profileDir);
  // The triage bot as `npm start` runs it, its JSON log lines written (to nowhere), on memory storage
  // like the echo bot: the same stack and the same kind of storage, so the ratio is the turn's own cost.
  const triageServer = await startServer('triage', 'src/index.ts', { LOG_LEVEL: 'info', STORAGE: 'memory' }, profileDir);
  const echoRuns: DriveResult[] = [];
  const triageRuns: DriveResult[] = [];
  try {
    await drive(echoServer, 'echo', options.connections, options.warmup);
    await drive(triageServer, 'triage', options.connections, options.warmup);
    const rounds = Math.max(1, Math.round(options.seconds / ROUND_SECONDS));
    for (let round = 0; round < rounds; round += 1) {
      echoRuns.push(await drive(echoServer, 'echo', options.connections, options.seconds / rounds));
      triageRuns.push(await drive(triageServer, 'triage', options.connections, options.seconds / rounds));
    }
  } finally {
    await echoServer.stop();
    await triageServer.stop();
  }
  const echo = combine(echoRuns);
  const triage = combine(triageRuns);

  console.log('\n| bot    | turns/s |  p50 ms |  p95 ms |  p99 ms | CPU ms/turn |   turns |  convs. |  errors |   wrong |');
  console.log('|--------|---------|---------|---------|---------|-------------|---------|---------|---------|---------|');
  console.log(row('echo', echo));
  console.log(row('triage', triage));
  console.log(
    `\ntriage / echo: throughput ${(triage.turnsPerSecond / echo.turnsPerSecond).toFixed(2)} (target ≥ 0.70), p99 ${(triage.p99 / echo.p99).toFixed(2)}× (target ≤ 2), server CPU per turn ${(triage.cpuMsPerTurn / echo.cpuMsPerTurn).toFixed(2)}×`,
  );
  for (const wrong of [...new Set(triage.wrongLevels)].slice(0, 10)) console.log(`  wrong level: ${wrong}`);

  if (profileDir) {
    const inclusive = [
      'processTurn',
      'process',
      'run',
      'runConversation',
      'continueDialog',
      'beginDialog',
      'DialogStateManager',
      'saveChanges',
      'load',
      'analyse',
      'decide',
      'sendActivity',
      'sendActivities',
      'parseJson',
      'safeParse',
      'write',
      'send',
    ];
    printProfile(busiestProfile(join(profileDir, 'echo')), inclusive, echoServer.startupMs);
    printProfile(busiestProfile(join(profileDir, 'triage')), inclusive, triageServer.startupMs);
  }
  if (triage.errors > 0 || triage.wrongLevels.length > 0 || echo.errors > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
