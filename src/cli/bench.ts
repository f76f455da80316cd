import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FileContentCache, loadContent, type ContentCache } from '../content';
import { createTriageEngine, type TriageEngine } from '../triage';

/**
 * `npm run bench`: a benchmark, not a test. It reports and never fails; the targets are printed
 * beside the figures so that a reader sees how far off they are.
 *
 * Content loads are judged by CPU time of the process (`process.cpuUsage`), which a busy machine
 * disturbs far less than wall time. One message is judged by wall time: it is the latency a person
 * waits for, and at a fraction of a millisecond the process's CPU time mostly counts V8's background
 * threads (concurrent marking, the optimising compiler), which run beside the message, not in it.
 * Both are shown for both.
 *
 * - content load: reading and validating knowledge/ and dialogs/ and compiling the matchers,
 *   first as at start-up (cold: a new process, nothing compiled by V8 yet; the median of a few),
 *   then repeated (warm); each without the content cache and with it (a cache that holds these files);
 * - triage of one message (analysis and decision), for 300- and 2,000-character messages.
 *
 * Usage: npm run bench [-- --messages 2000]
 */
const TARGETS = { loadMs: 300, p99At300Ms: 1, p99At2000Ms: 5 };

const PARTS = [
  "I've been a bit dizzy since the dose went up",
  'my dad is very confused and seeing things that are not there',
  'no trouble breathing but so sleepy I keep nodding off',
  'pump is beeping and his legs are getting stiffer',
  'stopped my baclofen suddenly last week and now 39.5 temperature',
  'took a double dose by mistake, feel fine otherwise',
  'what happens if I stop taking it?',
  'headache and queasy 😣 since my first tablet',
  'hallucinatons and sezure yesterday??',
  'is it normal to feel tired all the time on baclofen',
  'can I take tramadol with baclofen',
  'I am breastfeeding, is that ok',
  'my mum has been off her legs all week and the GP is closed, she is ever so poorly',
  'idk what to do rn tbh hes rly out of it n wont wake up properly',
];

/** A message of exactly `length` characters: sentences drawn from PARTS by a generator seeded with `i`. */
function message(i: number, length: number): string {
  let text = '';
  let seed = i + 1;
  while (text.length < length) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    text += `${PARTS[(seed >>> 8) % PARTS.length]}. `;
  }
  return text.slice(0, length);
}

interface Sample {
  readonly cpuMs: number;
  readonly wallMs: number;
}

function timed(work: () => void): Sample {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  work();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 3 : 1)} ms`;

function summary(samples: readonly Sample[]): { p50: number; p99: number; wallP99: number; line: string } {
  const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  const wall = samples.map((s) => s.wallMs).sort((a, b) => a - b);
  const mean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
  const p50 = percentile(cpu, 50);
  const p99 = percentile(cpu, 99);
  return {
    p50,
    p99,
    wallP99: percentile(wall, 99),
    line: `CPU p50 ${ms(p50)} · p99 ${ms(p99)} · mean ${ms(mean)} · max ${ms(cpu[cpu.length - 1])} (wall p50 ${ms(percentile(wall, 50))} · p99 ${ms(percentile(wall, 99))}; n=${samples.length})`,
  };
}

const verdict = (value: number, target: number) => (value < target ? `meets < ${target} ms` : `MISSES < ${target} ms`);

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

function loadEngine(cache?: ContentCache): TriageEngine {
  return createTriageEngine(loadContent(undefined, cache).knowledge);
}

const COLD_STARTS = 3;

/** The first load in new processes (this file with `--cold`), as at start-up: the median of a few, by CPU time. */
function coldLoad(cacheFile?: string): Sample {
  const samples: Sample[] = [];
  for (let i = 0; i < COLD_STARTS; i += 1) {
    const args = [...process.execArgv, __filename, '--cold', ...(cacheFile === undefined ? [] : ['--cache-file', cacheFile])];
    samples.push(JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as Sample);
  }
  return samples.sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(samples.length / 2)] as Sample;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

function triageSamples(engine: TriageEngine, length: number, count: number): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < count; i += 1) {
    const text = message(i, length);
    samples.push(timed(() => engine.triage(text)));
  }
  return samples;
}

/**
 * A full garbage collection, run between the phases so that one phase's garbage (ten content
 * loads leave about 100 MB) is not collected on the next phase's time.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function main(): void {
  if (process.argv.includes('--cold')) {
    const cacheFile = argument('cache-file');
    const cache = cacheFile === undefined ? undefined : new FileContentCache([cacheFile]);
    process.stdout.write(JSON.stringify(timed(() => loadEngine(cache))));
    return;
  }
  const count = option('messages', 2000);
  const folder = mkdtempSync(join(tmpdir(), 'bench-content-cache-'));
  const cacheFile = join(folder, 'content.json');
  const cache = new FileContentCache([cacheFile], cacheFile);
  let engine: TriageEngine;
  try {
    engine = loadEngine(cache);
    const figures = (label: string, cold: Sample, warm: Sample[]) => {
      const repeated = summary(warm);
      console.log(`  ${label}`);
      console.log(`    first, as at start-up   CPU ${ms(cold.cpuMs)} (wall ${ms(cold.wallMs)}; median of ${COLD_STARTS} new processes)   ${verdict(cold.cpuMs, TARGETS.loadMs)}`);
      console.log(`    repeated                ${repeated.line}   ${verdict(repeated.p50, TARGETS.loadMs)} at p50`);
    };
    const repeatedLoads = (withCache?: ContentCache) => Array.from({ length: 10 }, () => timed(() => loadEngine(withCache)));
    console.log('Content load (knowledge/ + dialogs/, validated, matchers compiled):');
    figures('without the content cache (parse and validate every file):', coldLoad(), repeatedLoads());
    figures('with the content cache holding these files (as after an earlier start or npm run build):', coldLoad(cacheFile), repeatedLoads(cache));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  // Warm-up, so that the figures below are of compiled code, as in a bot that has been running.
  collectGarbage();
  for (let i = 0; i < 2000; i += 1) engine.triage(message(i, 20 + (i % 2000)));
  collectGarbage();

  const short = summary(triageSamples(engine, 300, count));
  const long = summary(triageSamples(engine, 2000, Math.max(100, Math.floor(count / 4))));
  console.log('Triage of one message (analysis and decision):');
  console.log(`  300 characters          ${short.line}   ${verdict(short.wallP99, TARGETS.p99At300Ms)} at wall p99`);
  console.log(`  2,000 characters        ${long.line}   ${verdict(long.wallP99, TARGETS.p99At2000Ms)} at wall p99`);
}

main();
