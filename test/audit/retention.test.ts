import { applyRetention, SqlAuditStore, type AuditEvent } from '../../src/audit';
import { formatAudit, parseAuditArgs } from '../../src/audit/cli';
import { PostgresDatabase, SqlStorage } from '../../src/storage';
import { createTestSchema, type TestSchema } from '../storage/support/postgres';

/** Retention deletes what it says, and only that; `npm run audit` reads its arguments. */

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00Z');

function event(at: Date, level = 'urgent'): AuditEvent {
  return {
    at, kind: 'disposition', conversationHash: 'abc123abc123', userHash: 'def456def456', channel: 'emulator', voice: 'patient',
    level, category: 'symptom', disposition: `${level}_advice`, findings: ['dizziness'], rules: ['finding:dizziness'], asked: [{ id: 'breathing', answer: 'no' }],
    contentVersion: 'k1', patientText: null,
  };
}

describe('retention on PostgreSQL', () => {
  let schema: TestSchema;
  let db: PostgresDatabase;
  beforeAll(async () => {
    schema = await createTestSchema();
    db = new PostgresDatabase({ connectionString: schema.url, events: { onError: () => undefined } });
    await db.open();
  });
  afterAll(async () => {
    await db.close();
    await schema.drop();
  });

  it('deletes audit rows past AUDIT_RETENTION_DAYS and conversations idle past CONVERSATION_TTL_HOURS, keeping the rest', async () => {
    const audit = new SqlAuditStore(db);
    const state = new SqlStorage(db);
    await audit.record(event(new Date(NOW.getTime() - 400 * DAY)));
    await audit.record(event(new Date(NOW.getTime() - 10 * DAY), 'emergency'));
    await state.write({ idle: { n: 1 }, active: { n: 2 } });
    await schema.query("UPDATE bot_state SET updated_at = $1 WHERE key = 'idle'", [new Date(NOW.getTime() - 2 * DAY).toISOString()]);
    await schema.query("UPDATE bot_state SET updated_at = $1 WHERE key = 'active'", [new Date(NOW.getTime() - 3_600_000).toISOString()]);

    const deleted = await applyRetention({
      audit, conversations: state, auditRetentionDays: 365, conversationTtlHours: 24, now: () => NOW,
      logger: { info: () => undefined, error: () => undefined },
    });

    expect(deleted).toEqual({ auditRows: 1, conversations: 1 });
    expect((await audit.list({})).map((e) => e.level)).toEqual(['emergency']);
    expect(Object.keys(await state.read(['idle', 'active']))).toEqual(['active']);
  });

  it('lists by time and level for npm run audit, as a table or CSV', async () => {
    const audit = new SqlAuditStore(db);
    const args = parseAuditArgs(['--since', '30d', '--level', 'emergency', '--csv'], NOW);
    if (!args.ok) throw new Error(args.message);
    const rows = await audit.list(args.args.filter);
    expect(rows.map((r) => r.level)).toEqual(['emergency']);
    const csv = formatAudit(rows, true).split('\n');
    expect(csv[0]).toBe('at,kind,level,category,disposition,findings,rules,asked,voice,channel,conversation,user,content');
    expect(csv[1]).toContain(',emergency,');
    expect(formatAudit(rows, false)).toMatch(/1 row\(s\)$/);
  });
});

describe('npm run audit arguments', () => {
  it.each([
    [['--since', '7d'], new Date(NOW.getTime() - 7 * DAY)],
    [['--since', '24h'], new Date(NOW.getTime() - DAY)],
    [['--since', '2026-01-31'], new Date('2026-01-31')],
  ])('%j starts at the right time', (argv, since) => {
    const parsed = parseAuditArgs(argv, NOW);
    expect(parsed.ok && parsed.args.filter.since).toEqual(since);
  });

  it.each([[['--since', 'last week']], [['--level']], [['--verbose']]])('%j is refused with the usage line', (argv) => {
    const parsed = parseAuditArgs(argv, NOW);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/Usage: npm run audit/);
  });
});
