import { performance } from 'node:perf_hooks';
import { createTriageEngine, loadKnowledge } from '../triage';

/**
 * Benchmark, not a test: knowledge-base load time, and per-message triage time over a few
 * thousand messages of mixed length, with the 300-character ones reported on their own.
 * Targets: load under 300 ms; p99 under 1 ms for a 300-character message.
 */
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
];

function message(i: number, length: number): string {
  let text = '';
  for (let k = 0; text.length < length; k += 1) text += `${PARTS[(i * 7 + k * 3) % PARTS.length]}. `;
  return text.slice(0, length);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const ms = (n: number) => `${n.toFixed(3)} ms`;
  return `median ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted[sorted.length - 1])} (n=${samples.length})`;
}

const loads: number[] = [];
const first = performance.now();
let engine = createTriageEngine(loadKnowledge());
console.log(`first knowledge load + compile (cold): ${(performance.now() - first).toFixed(1)} ms`);
for (let i = 0; i < 10; i += 1) {
  const t0 = performance.now();
  engine = createTriageEngine(loadKnowledge());
  loads.push(performance.now() - t0);
}
console.log(`knowledge load + compile: ${stats(loads)}`);

for (let i = 0; i < 500; i += 1) engine.triage(message(i, 120));

const all: number[] = [];
const long: number[] = [];
for (let i = 0; i < 4000; i += 1) {
  const length = i % 2 === 0 ? 300 : 20 + (i % 280);
  const text = message(i, length);
  const t0 = performance.now();
  engine.triage(text);
  const elapsed = performance.now() - t0;
  all.push(elapsed);
  if (length === 300) long.push(elapsed);
}
console.log(`triage, all messages (20-300 chars): ${stats(all)}`);
console.log(`triage, 300-character messages:      ${stats(long)}`);
