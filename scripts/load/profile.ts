import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The parts of a V8 `.cpuprofile` (from `node --cpu-prof`) the summary reads. */
const CpuProfile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
type CpuProfile = z.infer<typeof CpuProfile>;

/** Where a function lives, coarse enough to act on: a package, a folder of ours, or node itself. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] ?? url;
  const ours = /\/(src|scripts)\/(.+?)(?:\.ts)?$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/([^/]+).*$/, 'node:$1');
  return url;
}

interface Summary {
  readonly totalMs: number;
  readonly idleMs: number;
  readonly byArea: readonly (readonly [string, number])[];
  readonly byFunction: readonly (readonly [string, number])[];
  readonly inclusive: readonly (readonly [string, number])[];
}

/**
 * Self time by area and by function, and inclusive time of the functions named in `inclusiveOf`
 * (each counted once per sample, however deep it recurses). Samples in the first `skipMs` of the
 * profile (the server starting: loading modules, parsing content) are left out.
 */
export function summariseProfile(profile: CpuProfile, inclusiveOf: readonly string[], skipMs = 0): Summary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  let elapsedMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    elapsedMs += ms;
    if (elapsedMs >= skipMs) self.set(id, (self.get(id) ?? 0) + ms);
  });

  const area = new Map<string, number>();
  const fn = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    totalMs += ms;
    if (functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const where = areaOf(url, functionName);
    area.set(where, (area.get(where) ?? 0) + ms);
    const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)?.callFrame.functionName ?? '';
      if (inclusiveOf.includes(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
      }
    }
  }
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { totalMs, idleMs, byArea: top(area, 14), byFunction: top(fn, 16), inclusive: top(inclusive, inclusiveOf.length) };
}

/** Read a profile file and print its summary, leaving out the first `skipMs` (start-up). */
export function printProfile(path: string, inclusiveOf: readonly string[], skipMs = 0): void {
  const profile = CpuProfile.parse(JSON.parse(readFileSync(path, 'utf8')));
  const summary = summariseProfile(profile, inclusiveOf, skipMs);
  const busy = summary.totalMs - summary.idleMs;
  const share = (ms: number) => `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)}%`;
  console.log(`\n${path}: ${busy.toFixed(0)} ms busy of ${summary.totalMs.toFixed(0)} ms${skipMs > 0 ? ` after the first ${skipMs.toFixed(0)} ms (start-up)` : ''}`);
  console.log('  self time by area:');
  for (const [name, ms] of summary.byArea) console.log(`    ${share(ms)}  ${name}`);
  console.log('  self time by function:');
  for (const [name, ms] of summary.byFunction) console.log(`    ${share(ms)}  ${name}`);
  if (summary.inclusive.length > 0) {
    console.log('  inclusive time of:');
    for (const [name, ms] of summary.inclusive) console.log(`    ${share(ms)}  ${name}`);
  }
}
