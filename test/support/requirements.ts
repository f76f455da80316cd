import { existsSync } from 'node:fs';

/** True when the tests run in CI (`CI=true`), where nothing they need may be missing. */
export function inCi(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/** Something outside the repository that some tests need. */
export interface Requirement {
  /** What it is, for the message: "Chromium". */
  readonly what: string;
  readonly path: string;
  /** How to get it, as a command or a step. */
  readonly howToGet: string;
  /** What is left out without it: "the web chat browser tests". */
  readonly needs: string;
}

/** The one line said when a requirement is missing. */
export function missingMessage(r: Requirement): string {
  return `${r.what} is missing at ${r.path}, so ${r.needs} are skipped. To run them: ${r.howToGet}.`;
}

/**
 * Whether a requirement is there. Missing outside CI: one clear line on stderr naming it and how to
 * get it, and false (the caller skips). Missing in CI: an error, so the run fails instead of
 * passing with tests quietly left out.
 */
export function available(r: Requirement, env: Readonly<Record<string, string | undefined>> = process.env, exists: (path: string) => boolean = existsSync): boolean {
  if (exists(r.path)) return true;
  if (inCi(env)) throw new Error(`${r.what} is missing at ${r.path}, and CI must run ${r.needs}. To get it: ${r.howToGet}.`);
  // Straight to stderr: jest's console capture would bury the line under a stack trace.
  process.stderr.write(`\nSKIPPED: ${missingMessage(r)}\n`);
  return false;
}
