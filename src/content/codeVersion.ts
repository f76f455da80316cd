import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folder of the running code: `src/` through tsx, `dist/` once built. */
export const CODE_ROOT = resolve(__dirname, '..');

const versions = new Map<string, string>();

/**
 * A hash of the code that turns content files into their validated form: every `.ts`/`.js` file
 * under `codeRoot` and the `package.json` beside it (which pins `js-yaml` and `zod` exactly). All the
 * code, not a list of the loader's modules, so that a change to any schema, check or tokeniser
 * they import can never be served a form validated by older code. Computed once per process.
 */
export function codeVersion(codeRoot = CODE_ROOT): string {
  const known = versions.get(codeRoot);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  const packageJson = join(codeRoot, '..', 'package.json');
  hash.update('package.json\0').update(readFileSync(packageJson)).update('\0');
  const files = readdirSync(codeRoot, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js)$/.test(f))
    .sort();
  for (const file of files) hash.update(file).update('\0').update(readFileSync(join(codeRoot, file))).update('\0');
  const version = hash.digest('hex');
  versions.set(codeRoot, version);
  return version;
}
