import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_DIALOGS_DIR, type DialogSources } from '../../../src/dialogs/loadDialogs';

/** The shipped dialog files as text, by path relative to `dialogs/`. */
export function shippedDialogSources(): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const file of readdirSync(DEFAULT_DIALOGS_DIR)) {
    if (file.endsWith('.yaml')) sources[file] = readFileSync(join(DEFAULT_DIALOGS_DIR, file), 'utf8');
  }
  for (const file of readdirSync(join(DEFAULT_DIALOGS_DIR, 'flows'))) {
    sources[`flows/${file}`] = readFileSync(join(DEFAULT_DIALOGS_DIR, 'flows', file), 'utf8');
  }
  return sources;
}

/** The shipped sources with one file edited as data (parsed, changed, written back). */
export function editDialogSource(file: string, edit: (data: Record<string, unknown>) => void, sources: DialogSources = shippedDialogSources()): Record<string, string> {
  const text = sources[file];
  if (text === undefined) throw new Error(`editDialogSource: no file ${file}`);
  const data = parse(text) as Record<string, unknown>;
  edit(data);
  return { ...sources, [file]: stringify(data) };
}
