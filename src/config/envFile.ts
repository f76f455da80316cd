import { readFileSync } from 'node:fs';
import type { SettingsError } from './settings';

/** A `.env` file read into names and values, or the line that could not be read. */
export type EnvFileResult =
  | { readonly ok: true; readonly values: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly error: SettingsError };

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/**
 * Parse the text of a `.env` file: `NAME=value` lines, `#` comments, blank lines, an optional
 * `export ` prefix, and values optionally wrapped in single or double quotes. Deliberately small:
 * no interpolation and no multi-line values.
 */
export function parseEnvFile(text: string, fileName = '.env'): EnvFileResult {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]?.trim() ?? '';
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) {
      return {
        ok: false,
        error: {
          code: 'invalid_env_file',
          variable: `${fileName}:${index + 1}`,
          expected: 'NAME=value',
          message: `Invalid line ${index + 1} in ${fileName}: expected NAME=value or a # comment.`,
        },
      };
    }
    const [, name = '', rawValue = ''] = match;
    values[name] = unquote(rawValue);
  }
  return { ok: true, values };
}

function unquote(raw: string): string {
  const value = raw.trim();
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    return value.slice(1, -1);
  }
  // An unquoted value may carry a trailing comment: `PORT=3978 # the default`.
  const comment = value.search(/\s#/);
  return comment === -1 ? value : value.slice(0, comment).trim();
}

/** Read `.env` at `path` if it exists; a missing file is no error. */
export function readEnvFile(path: string): EnvFileResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return { ok: true, values: {} };
    return {
      ok: false,
      error: {
        code: 'invalid_env_file',
        variable: path,
        expected: 'a readable text file',
        message: `Could not read ${path}: ${error instanceof Error ? error.message : String(error)}.`,
      },
    };
  }
  return parseEnvFile(text, path);
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/** The real environment wins over `.env`; an empty real variable counts as unset, so `.env` fills it. */
export function mergeEnv(
  fileValues: Readonly<Record<string, string>>,
  processEnv: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...fileValues };
  for (const [name, value] of Object.entries(processEnv)) {
    if (value !== undefined && value !== '') merged[name] = value;
  }
  return merged;
}
