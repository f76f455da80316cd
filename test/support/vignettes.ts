import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { score, type Outcome } from '../../src/triage/vignettes';
import { available, type Requirement } from './requirements';

const ROOT = resolve(__dirname, '..', '..');
const PUBLIC = resolve(ROOT, '..', 'shared', 'vignettes', 'public.jsonl');
const OWN = join(ROOT, 'test', 'vignettes');

/** The shared vignettes, kept beside the clone rather than in it. */
export const PUBLIC_VIGNETTES: Requirement = {
  what: 'The shared vignettes',
  path: PUBLIC,
  howToGet: `put the project's shared folder beside the clone, so that ${PUBLIC} exists`,
  needs: 'the public vignette suites',
};

/**
 * `[name, file]` of every vignette suite, for `describe.each`: the public vignettes in `shared/` beside
 * the clone (required in CI; elsewhere skipped with one line saying so) and each JSONL file of our own cases.
 */
export function vignetteSuites(): Array<[string, string]> {
  const suites: Array<[string, string]> = [];
  if (available(PUBLIC_VIGNETTES)) suites.push(['public vignettes', PUBLIC]);
  if (existsSync(OWN)) {
    for (const file of readdirSync(OWN).filter((f) => f.endsWith('.jsonl'))) suites.push([`own cases ${file}`, join(OWN, file)]);
  }
  return suites;
}

const BLIND = join(OWN, 'blind');

/**
 * `[name, file]` of every blind batch: cases written by independent authors who saw only the rubric
 * and a persona (test/vignettes/README.md). The core must meet the same thresholds on them.
 */
export function blindSuites(): Array<[string, string]> {
  if (!existsSync(BLIND)) return [];
  return readdirSync(BLIND)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f): [string, string] => [`blind batch ${f}`, join(BLIND, f)]);
}

/**
 * The thresholds every vignette run must meet, as tests in the current `describe`: no emergency missed,
 * no urgent or emergency case under-triaged, at least 90% exact. `outcomes` is read when the tests run,
 * so a `beforeAll` may fill it.
 */
export function itMeetsVignetteThresholds(outcomes: () => readonly Outcome[]): void {
  it('sends every emergency to emergency care', () => {
    expect(outcomes().filter((o) => o.gold === 'emergency' && o.level !== 'emergency')).toEqual([]);
  });

  it('never gives an urgent or emergency case a lower level', () => {
    expect(score(outcomes()).underTriage.filter((o) => o.gold === 'urgent' || o.gold === 'emergency')).toEqual([]);
  });

  it('gives at least 90% of cases their exact level', () => {
    const scores = score(outcomes());
    expect(scores.exact / scores.total).toBeGreaterThanOrEqual(0.9);
  });
}
