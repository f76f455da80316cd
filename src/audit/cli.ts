import { loadSettings } from '../config';
import { createStorage } from '../storage';
import type { AuditEvent, AuditFilter } from './auditEvent';
import { MemoryAuditStore } from './memoryAuditStore';
import { SqlAuditStore } from './sqlAuditStore';

/**
 * `npm run audit -- --since 7d --level emergency [--csv]`: the audit trail from the database the
 * settings name (DATABASE_URL, else the embedded one in DATA_DIR: stop the bot first, one process
 * owns that folder).
 */

const USAGE = 'Usage: npm run audit -- [--since 7d|24h|30m|2026-01-31] [--level emergency|urgent|prescriber|self-care|info] [--csv]';

export interface AuditArgs {
  readonly filter: AuditFilter;
  readonly csv: boolean;
}

/** Parse the command line; an error names the argument and what it accepts. */
export function parseAuditArgs(args: readonly string[], now: Date): { ok: true; args: AuditArgs } | { ok: false; message: string } {
  let since: Date | undefined;
  let level: string | undefined;
  let csv = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--csv') csv = true;
    else if (arg === '--since') {
      since = parseSince(args[++i] ?? '', now);
      if (since === undefined) return { ok: false, message: `--since needs a duration such as 7d, 24h or 30m, or a date such as 2026-01-31.\n${USAGE}` };
    } else if (arg === '--level') {
      level = args[++i];
      if (level === undefined || level.startsWith('--')) return { ok: false, message: `--level needs a level.\n${USAGE}` };
    } else return { ok: false, message: `Unknown argument ${JSON.stringify(arg)}.\n${USAGE}` };
  }
  return { ok: true, args: { filter: { ...(since ? { since } : {}), ...(level ? { level } : {}) }, csv } };
}

function parseSince(value: string, now: Date): Date | undefined {
  const duration = /^(\d+)([dhm])$/.exec(value);
  if (duration) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[duration[2] as 'd' | 'h' | 'm'];
    return new Date(now.getTime() - Number(duration[1]) * unit);
  }
  const date = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : undefined;
  return date !== undefined && !Number.isNaN(date.getTime()) ? date : undefined;
}

const COLUMNS = ['at', 'kind', 'level', 'category', 'disposition', 'findings', 'rules', 'asked', 'voice', 'channel', 'conversation', 'user', 'content'] as const;

function cells(e: AuditEvent): string[] {
  return [
    e.at.toISOString(), e.kind, e.level, e.category, e.disposition, e.findings.join(' '), e.rules.join(' '),
    e.asked.map((a) => `${a.id}=${a.answer}`).join(' '), e.voice, e.channel, e.conversationHash ?? '(forgotten)', e.userHash ?? '(forgotten)', e.contentVersion,
  ];
}

/** The rows as CSV (RFC 4180 quoting) or as aligned text. */
export function formatAudit(events: readonly AuditEvent[], csv: boolean): string {
  const rows = [COLUMNS.slice() as string[], ...events.map(cells)];
  if (csv) return rows.map((row) => row.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return [...rows.map((row) => row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()), `${events.length} row(s)`].join('\n');
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const parsed = parseAuditArgs(argv, new Date());
  if (!parsed.ok) return fail(parsed.message);
  const loaded = loadSettings();
  if (!loaded.result.ok) return fail(loaded.result.error.message);
  const settings = loaded.result.settings;
  const quiet = { info: () => undefined, error: (_f: Record<string, unknown>, message: string) => console.error(message) };
  const storage = createStorage(settings.storage, quiet);
  try {
    const store = storage.database ? new SqlAuditStore(storage.database) : new MemoryAuditStore();
    if (!storage.database) console.error('STORAGE=memory keeps no audit trail between runs: nothing to show.');
    const events = await store.list(parsed.args.filter);
    console.log(formatAudit(events, parsed.args.csv));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    await storage.close();
  }
}

function fail(message: string): void {
  console.error(message);
  process.exitCode = 1;
}

if (require.main === module) void main();
