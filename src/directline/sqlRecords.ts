import { randomBytes } from 'node:crypto';
import type { SqlDatabase } from '../storage';
import {
  activityIdOf,
  seqOf,
  type ActivityChange,
  type ActivityContent,
  type ActivityPage,
  type ConversationRecord,
  type ConversationRecords,
  type NumberedActivity,
} from './conversationRecords';
import type { StoredActivity } from './schemas';

/** The NOTIFY channel: `added|updated <seq> <conversation id>`, small whatever the activity's size. */
const CHANNEL = 'directline_activity';
const SIGNING_KEY = 'token_signing_key';

interface ConversationRow {
  id: string;
  user_account: { id: string; name?: string } | null;
  locale: string | null;
  started: boolean;
  last_active_ms: string | number;
}

/**
 * Conversations and activities in PostgreSQL (the embedded PGlite or a server), the same SQL on
 * both. Each activity takes the conversation's next sequence number in the statement that stores
 * it, so sequence order is commit order on every instance; the statement also tells every instance
 * (NOTIFY) and drops what is past the history cap. Writes run outside any turn's transaction: what
 * the page was shown stays shown.
 */
export class SqlConversationRecords implements ConversationRecords {
  private key: Promise<Buffer> | undefined;

  constructor(private readonly db: SqlDatabase) {}

  async create(record: ConversationRecord): Promise<void> {
    await this.db.queryAutonomous(
      'INSERT INTO directline_conversations (id, user_account, locale, started, last_active_ms) VALUES ($1, $2::jsonb, $3, $4, $5)',
      [record.id, record.user ? JSON.stringify(record.user) : null, record.locale ?? null, record.started, record.lastActiveAt],
    );
  }

  async load(conversationId: string): Promise<ConversationRecord | undefined> {
    const { rows } = await this.db.queryAutonomous<ConversationRow>(
      'SELECT id, user_account, locale, started, last_active_ms FROM directline_conversations WHERE id = $1',
      [conversationId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      ...(row.user_account ? { user: row.user_account } : {}),
      ...(row.locale ? { locale: row.locale } : {}),
      started: row.started,
      lastActiveAt: Number(row.last_active_ms),
    };
  }

  async claimStart(conversationId: string, user: { id: string; name?: string }, locale: string | undefined, at: number): Promise<boolean> {
    const { rowCount } = await this.db.queryAutonomous(
      'UPDATE directline_conversations SET started = true, user_account = $2::jsonb, locale = $3, last_active_ms = $4 WHERE id = $1 AND NOT started',
      [conversationId, JSON.stringify(user), locale ?? null, at],
    );
    return rowCount === 1;
  }

  async touch(conversationId: string, at: number): Promise<void> {
    await this.db.queryAutonomous('UPDATE directline_conversations SET last_active_ms = GREATEST(last_active_ms, $2) WHERE id = $1', [conversationId, at]);
  }

  async append(conversationId: string, content: ActivityContent, at: number, maxHistory: number): Promise<NumberedActivity | undefined> {
    const { rows } = await this.db.queryAutonomous<{ seq: string | number }>(
      `WITH next AS (
         UPDATE directline_conversations SET last_seq = last_seq + 1, last_active_ms = GREATEST(last_active_ms, $3::bigint)
         WHERE id = $1::text RETURNING last_seq
       ), added AS (
         INSERT INTO directline_activities (conversation_id, seq, activity) SELECT $1::text, last_seq, $2::jsonb FROM next RETURNING seq
       ), trimmed AS (
         DELETE FROM directline_activities WHERE conversation_id = $1::text AND seq <= (SELECT last_seq FROM next) - $4::bigint
       )
       SELECT seq, pg_notify('${CHANNEL}', 'added ' || seq || ' ' || $1::text) FROM added`,
      [conversationId, JSON.stringify(content), at, maxHistory],
    );
    const row = rows[0];
    if (!row) return undefined;
    const seq = Number(row.seq);
    return { seq, activity: { ...content, id: activityIdOf(conversationId, seq) } as StoredActivity };
  }

  async since(conversationId: string, afterSeq: number): Promise<ActivityPage> {
    const { rows } = await this.db.queryAutonomous<{ last_seq: string | number; seq: string | number | null; activity: ActivityContent | null }>(
      `SELECT c.last_seq, a.seq, a.activity FROM directline_conversations c
       LEFT JOIN directline_activities a ON a.conversation_id = c.id AND a.seq > $2
       WHERE c.id = $1 ORDER BY a.seq`,
      [conversationId, afterSeq],
    );
    const activities = rows
      .filter((row) => row.seq !== null && row.activity !== null)
      .map((row) => this.numbered(conversationId, Number(row.seq), row.activity as ActivityContent));
    return { activities, lastSeq: Number(rows[0]?.last_seq ?? 0) };
  }

  async at(conversationId: string, seq: number): Promise<StoredActivity | undefined> {
    const { rows } = await this.db.queryAutonomous<{ activity: ActivityContent }>(
      'SELECT activity FROM directline_activities WHERE conversation_id = $1 AND seq = $2',
      [conversationId, seq],
    );
    return rows[0] ? this.numbered(conversationId, seq, rows[0].activity).activity : undefined;
  }

  async replace(conversationId: string, activityId: string, update: (old: StoredActivity) => StoredActivity): Promise<StoredActivity | undefined> {
    const seq = seqOf(conversationId, activityId);
    if (seq === undefined) return undefined;
    const old = await this.at(conversationId, seq);
    if (!old) return undefined;
    const { id: _id, ...replacement } = update(old);
    const { rows } = await this.db.queryAutonomous(
      `WITH changed AS (
         UPDATE directline_activities SET activity = $3::jsonb WHERE conversation_id = $1::text AND seq = $2::bigint RETURNING seq
       )
       SELECT pg_notify('${CHANNEL}', 'updated ' || seq || ' ' || $1::text) FROM changed`,
      [conversationId, seq, JSON.stringify(replacement)],
    );
    return rows.length === 1 ? { ...replacement, id: old.id } as StoredActivity : undefined;
  }

  async remove(conversationId: string, activityId: string): Promise<boolean> {
    const seq = seqOf(conversationId, activityId);
    if (seq === undefined) return false;
    const { rowCount } = await this.db.queryAutonomous('DELETE FROM directline_activities WHERE conversation_id = $1 AND seq = $2', [conversationId, seq]);
    return rowCount === 1;
  }

  async forgetActivities(conversationId: string): Promise<number> {
    const { rowCount } = await this.db.queryAutonomous('DELETE FROM directline_activities WHERE conversation_id = $1', [conversationId]);
    return rowCount;
  }

  async delete(conversationIds: readonly string[]): Promise<void> {
    if (conversationIds.length === 0) return;
    await this.db.queryAutonomous('DELETE FROM directline_conversations WHERE id = ANY($1::text[])', [conversationIds]);
  }

  async deleteIdleSince(cutoff: number): Promise<string[]> {
    const { rows } = await this.db.queryAutonomous<{ id: string }>('DELETE FROM directline_conversations WHERE last_active_ms <= $1 RETURNING id', [cutoff]);
    return rows.map((row) => row.id);
  }

  /** Generated by the first instance that needs it and stored, so a token minted on one instance opens on every other. */
  signingKey(): Promise<Buffer> {
    this.key ??= this.readOrCreateKey().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  async onChange(listener: (change: ActivityChange | 'resume') => void): Promise<() => Promise<void>> {
    return this.db.listen(
      CHANNEL,
      (payload) => {
        const change = parseChange(payload);
        if (change) listener(change);
      },
      () => listener('resume'),
    );
  }

  private async readOrCreateKey(): Promise<Buffer> {
    await this.db.queryAutonomous('INSERT INTO directline_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      SIGNING_KEY,
      randomBytes(32).toString('base64'),
    ]);
    const { rows } = await this.db.queryAutonomous<{ value: string }>('SELECT value FROM directline_secrets WHERE name = $1', [SIGNING_KEY]);
    if (!rows[0]) throw new Error('SqlConversationRecords.signingKey: the stored key vanished; check directline_secrets.');
    return Buffer.from(rows[0].value, 'base64');
  }

  private numbered(conversationId: string, seq: number, content: ActivityContent): NumberedActivity {
    return { seq, activity: { ...content, id: activityIdOf(conversationId, seq) } as StoredActivity };
  }
}

function parseChange(payload: string): ActivityChange | undefined {
  const match = /^(added|updated) (\d{1,15}) (.+)$/.exec(payload);
  if (!match) return undefined;
  return { kind: match[1] as ActivityChange['kind'], seq: Number(match[2]), conversationId: match[3]! };
}
