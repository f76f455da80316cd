/**
 * `npm run load`: the triage bot against an echo bot on the same stack, side by side in one run.
 * N concurrent conversations of mixed multi-turn scripts (first turns, button answers, card submits,
 * emergencies) for T seconds against each, over /api/messages with `deliveryMode: expectReplies`.
 * Checks every conversation's final level and prints turns/s, p50/p95/p99 and the ratio to the echo.
 *
 *   npm run load [-- --connections 10 --seconds 10 --warmup 3 --cpu-prof]
 *
 * `--cpu-prof` writes each server's CPU profile to build/profiles/ and prints where its time went.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runConversation, SCRIPTS, TurnClient, type BotKind, type TurnSample } from './load/conversations';
import { printProfile } from './load/profile';
import { ROOT, startServer } from './load/servers';

interface Options {
  readonly connections: number;
  readonly seconds: number;
  readonly warmup: number;
  readonly cpuProf: boolean;
}

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

interface RunFigures {
  readonly turns: number;
  readonly turnsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly errors: number;
  readonly conversations: number;
  readonly wrongLevels: readonly string[];
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}

/** N users, each running scripts one conversation after another until `seconds` have passed. */
async function drive(baseUrl: string, kind: BotKind, connections: number, seconds: number): Promise<RunFigures> {
  const client = new TurnClient(new URL(`${baseUrl}/api/messages`), connections);
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
  const elapsed = (performance.now() - started) / 1000;
  client.close();
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    turns: samples.length,
    turnsPerSecond: samples.length / elapsed,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    errors: samples.filter((s) => !s.ok).length + failed,
    conversations,
    wrongLevels,
  };
}

async function measure(name: string, kind: BotKind, entry: string, env: Record<string, string>, options: Options, profileDir?: string): Promise<RunFigures> {
  const server = await startServer(name, entry, env, profileDir);
  try {
    await drive(server.baseUrl, kind, options.connections, options.warmup);
    return await drive(server.baseUrl, kind, options.connections, options.seconds);
  } finally {
    await server.stop();
  }
}

function row(name: string, f: RunFigures): string {
  return `| ${name.padEnd(10)} | ${f.turnsPerSecond.toFixed(0).padStart(7)} | ${f.p50.toFixed(1).padStart(6)} | ${f.p95.toFixed(1).padStart(6)} | ${f.p99.toFixed(1).padStart(6)} | ${String(f.turns).padStart(6)} | ${String(f.conversations).padStart(6)} | ${String(f.errors).padStart(6)} | ${String(f.wrongLevels.length).padStart(5)} |`;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const profileDir = options.cpuProf ? join(ROOT, 'build', 'profiles') : undefined;
  if (profileDir) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  console.log(`${options.connections} concurrent conversations, ${options.seconds} s each (after ${options.warmup} s warm-up), expectReplies over /api/messages`);

  const echo = await measure('echo', 'echo', 'scripts/load/echoBot.ts', {}, options, profileDir);
  // The triage bot as `npm start` runs it: default settings, its JSON log lines written (to nowhere).
  const triage = await measure('triage', 'triage', 'src/index.ts', { LOG_LEVEL: 'info' }, options, profileDir);

  console.log('\n| bot        | turns/s | p50 ms | p95 ms | p99 ms |  turns | convs. | errors | wrong |');
  console.log('|------------|---------|--------|--------|--------|--------|--------|--------|-------|');
  console.log(row('echo', echo));
  console.log(row('triage', triage));
  console.log(`\ntriage / echo: throughput ${(triage.turnsPerSecond / echo.turnsPerSecond).toFixed(2)} (target ≥ 0.70), p99 ${(triage.p99 / echo.p99).toFixed(2)}× (target ≤ 2)`);
  for (const wrong of triage.wrongLevels.slice(0, 10)) console.log(`  wrong level: ${wrong}`);

  if (profileDir) {
    const inclusive = ['processTurn', 'process', 'run', 'runConversation', 'continueDialog', 'beginDialog', 'saveChanges', 'load', 'analyse', 'decide', 'sendActivity', 'sendActivities', 'bodyParser', 'parseJson', 'safeParse', 'write', 'info', 'send'];
    printProfile(busiestProfile(join(profileDir, 'echo')), inclusive);
    printProfile(busiestProfile(join(profileDir, 'triage')), inclusive);
  }
  if (triage.errors > 0 || triage.wrongLevels.length > 0 || echo.errors > 0) process.exitCode = 1;
}

/** The main thread's profile: the largest of the process's (the loader thread's is small). */
function busiestProfile(dir: string): string {
  const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  const sized = files.map((file) => ({ path: join(dir, file), size: statSync(join(dir, file)).size })).sort((a, b) => b.size - a.size);
  if (sized[0] === undefined) throw new Error(`load: no CPU profile in ${dir}`);
  return sized[0].path;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
