import type * as JsYaml from 'js-yaml';
import type { z } from 'zod';
import { formatPath, type ContentProblem } from './contentError';

// Loaded on first use: a start whose content comes from the content cache parses no YAML.
// js-yaml, not \`yaml\`: it parses our content about five times faster (findings.yaml: 55 ms against
// 257 ms on a cold start), which is most of a start without the content cache.
let yaml: typeof JsYaml | undefined;

/**
 * Parses one YAML content file against its schema. Problems are collected, not thrown, so that a
 * loader can report every broken file at once; `undefined` means this file had problems.
 */
export function parseContentFile<S extends z.ZodType>(
  file: string,
  text: string | undefined,
  schema: S,
  problems: ContentProblem[],
): z.infer<S> | undefined {
  if (text === undefined) {
    problems.push({ file, path: '', message: 'is missing' });
    return undefined;
  }
  const cutShort = valuesCutByComment(text);
  if (cutShort.length > 0) {
    for (const line of cutShort) {
      problems.push({ file, path: `line ${line}`, message: 'has a value token (#num, #many, #fever_temp) after an unquoted value, where YAML reads it as a comment: put the value in quotes' });
    }
    return undefined;
  }
  let data: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yaml ??= require('js-yaml') as typeof JsYaml;
    // The YAML 1.2 core schema: '2026-12-02' stays a string, not a date.
    data = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    problems.push({ file, path: '', message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push({ file, path: formatPath(issue.path), message: issue.message });
  return undefined;
}

// A list item or value such as `- on baclofen #num weeks` is the string "on baclofen": YAML starts a
// comment at " #". Value tokens are only ever meant as part of a phrase, so an unquoted one is a mistake.
const UNQUOTED_VALUE_TOKEN = /^\s*(?:- |[\w-]+: )(?!["'\[{])[^#\n]*\s#(?:num|many|fever_temp)\b/;

/** The line numbers (from 1) of values that a value token after an unquoted start cuts short. */
function valuesCutByComment(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (UNQUOTED_VALUE_TOKEN.test(line)) lines.push(i + 1);
  });
  return lines;
}
