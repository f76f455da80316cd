import { createHash } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger } from 'pino';

/**
 * Keys whose values are the person's own words (message text, speech, an Adaptive Card's submitted
 * `value`, a request `body`). They are censored unless LOG_PATIENT_TEXT=true, wherever they sit in a
 * log line's fields down to {@link PATIENT_TEXT_DEPTH} levels, so a stray `logger.info({ activity })`
 * cannot leak what someone wrote about their health.
 */
export const PATIENT_TEXT_KEYS: ReadonlySet<string> = new Set(['text', 'speak', 'value', 'body']);
const PATIENT_TEXT_DEPTH = 4;

export const REDACTED = '[redacted]';

export interface LoggerOptions {
  readonly level: LogLevel;
  readonly logPatientText: boolean;
  /** Where lines go; stdout when absent. Tests pass a stream to read the output. */
  readonly destination?: DestinationStream;
}

/** The one pino logger the process uses; modules take `logger.child({ component })`. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'baclofen-triage-bot' },
      timestamp: isoTimeOncePerMs,
      // A walk of the (small) fields object: pino's wildcard redaction paths cost several times the rest of a log call.
      ...(options.logPatientText
        ? {}
        : { formatters: { log: (fields: Record<string, unknown>) => censorPatientText(fields, PATIENT_TEXT_DEPTH) as Record<string, unknown> } }),
    },
    // Asynchronous and gathered: lines go out together once LOG_BATCH_BYTES have gathered, or every
    // LOG_FLUSH_MS, rather than one write per line (under load the writes cost more than building the
    // lines). pino flushes what is left when the process exits.
    options.destination ?? pino.destination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES, periodicFlush: LOG_FLUSH_MS }),
  );
}

let lastTimeMs = Number.NaN;
let lastTime = '';

/**
 * pino's `isoTime`, the same text, with the date formatted once per millisecond: a turn's lines are
 * mostly written within one.
 */
function isoTimeOncePerMs(): string {
  const now = Date.now();
  if (now !== lastTimeMs) {
    lastTimeMs = now;
    lastTime = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTime;
}

/** Log text gathered before a write: a few turns' lines. */
const LOG_BATCH_BYTES = 4096;
/** The longest a line waits for others before it is written anyway. */
const LOG_FLUSH_MS = 50;

/**
 * `value` with every patient-text key's value replaced by {@link REDACTED}, down to `depth` levels.
 * Returns `value` itself when there is nothing to censor, so the usual log line is not copied.
 */
export function censorPatientText(value: unknown, depth: number): unknown {
  if (depth === 0 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const censored = censorPatientText(item, depth - 1);
      if (censored !== item) (copy ??= [...value])[i] = censored;
    });
    return copy ?? value;
  }
  // Errors and other class instances keep their own serializers; only plain fields objects are walked.
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const censored = PATIENT_TEXT_KEYS.has(key) && item !== undefined ? REDACTED : censorPatientText(item, depth - 1);
    if (censored !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = censored;
  }
  return copy ?? value;
}

/** Ids hashed lately: a turn's log lines hash the same conversation id several times. */
const recentHashes = new Map<string, string>();
/** Bound of {@link recentHashes}; past it the map starts again. */
const MAX_RECENT_HASHES = 1024;

/** A short, stable, one-way id for logs: sha256 of the value, first 12 hex characters. */
export function hashId(value: string): string {
  const known = recentHashes.get(value);
  if (known !== undefined) return known;
  const hashed = createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12);
  if (recentHashes.size >= MAX_RECENT_HASHES) recentHashes.clear();
  recentHashes.set(value, hashed);
  return hashed;
}

/**
 * An activity id for logs. Direct Line ids are `<conversation id>|<sequence>`: the conversation part is
 * hashed like {@link hashId} and the sequence kept, so lines still show the order of a conversation's turns.
 */
export function hashActivityId(value: string): string {
  const bar = value.lastIndexOf('|');
  return bar < 0 ? hashId(value) : `${hashId(value.slice(0, bar))}${value.slice(bar)}`;
}

/**
 * What a log line says about a caught error: its string `code` (e.g. `ECONNREFUSED`), else its name
 * (e.g. `TimeoutError`); never its message, which may quote a request.
 */
export function errorCode(error: unknown): string {
  // Read by shape, not `instanceof Error`: errors from another realm (Node's fetch and its DOMException) fail that test.
  if (typeof error !== 'object' || error === null) return 'unknown';
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  return typeof name === 'string' && name !== '' ? name : 'unknown';
}

/** The console methods libraries write to. */
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Send what libraries print with `console.*` (botbuilder prints a stack per rejected token) to the
 * logger as one JSON line each: the error's code when an error was printed, never the text, which can
 * quote ids, tokens or a request. Returns a function that puts the console back.
 */
export function routeConsoleToLogger(logger: Logger): () => void {
  const original = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  const log = logger.child({ component: 'library' });
  for (const method of CONSOLE_METHODS) {
    const level = method === 'error' ? 'error' : method === 'warn' ? 'warn' : 'debug';
    console[method] = (...args: unknown[]): void => {
      const error = args.find((arg) => typeof arg === 'object' && arg !== null);
      log[level]({ code: error === undefined ? 'console_text' : errorCode(error) }, 'library_console');
    };
  }
  return () => {
    for (const [method, fn] of original) console[method] = fn;
  };
}
