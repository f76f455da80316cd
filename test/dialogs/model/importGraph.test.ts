import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const SRC = resolve(__dirname, '..', '..', '..', 'src');

/** Every module `entry` imports, directly or not: our files by path, packages by name. */
function importsOf(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith('/')) return;
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
      if (spec === undefined) continue;
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      visit([`${base}.ts`, join(base, 'index.ts')].find(existsSync) ?? base);
    }
  };
  visit(entry);
  return seen;
}

describe('the dialog model stands without the Bot Framework', () => {
  it.each([
    ['the dialog model', join(SRC, 'dialogs', 'index.ts')],
    ['the call script', join(SRC, 'script', 'callScript.ts')],
  ])('%s imports no botbuilder package and nothing of src/bot', (_name, entry) => {
    const imported = [...importsOf(entry)];
    expect(imported.filter((m) => m.startsWith('botbuilder') || m.startsWith(join(SRC, 'bot')))).toEqual([]);
  });
});
