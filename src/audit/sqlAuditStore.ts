import type { SqlDatabase } from '../storage';
import { AuditEvent, type AuditFilter, type AuditStore } from './auditEvent';

interface AuditRow {
  at: Date | string;
  kind: string;
  conversation_hash: string | null;
  user_hash: string | null;
  channel: string;
  voice: string;
  level: string;
  category: string;
  disposition: string;
  findings: unknown;
  rules: unknown;
  asked: unknown;
  content_version: string;
  patient_text: string | null;
}

/** The audit trail in the `audit_events` table. Writes never join a turn's transaction: a row outlives a failed turn. */
export class SqlAuditStore implements AuditStore {
  constructor(private readonly db: SqlDatabase) {}

  async record(e: AuditEvent): Promise<void> {
    await this.db.queryAutonomous(
      `INSERT INTO audit_events (at, kind, conversation_hash, user_hash, channel, voice, level, category, disposition, findings, rules, asked, content_version, patient_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14)`,
      [
        e.at.toISOString(), e.kind, e.conversationHash, e.userHash, e.channel, e.voice, e.level, e.category, e.disposition,
        JSON.stringify(e.findings), JSON.stringify(e.rules), JSON.stringify(e.asked), e.contentVersion, e.patientText,
      ],
    );
  }

  async list(filter: AuditFilter): Promise<AuditEvent[]> {
    const { rows } = await this.db.queryAutonomous<AuditRow>(
      `SELECT * FROM audit_events WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::text IS NULL OR level = $2) ORDER BY at, id`,
      [filter.since?.toISOString() ?? null, filter.level ?? null],
    );
    return rows.map((row) =>
      AuditEvent.parse({
        at: new Date(row.at),
        kind: row.kind,
        conversationHash: row.conversation_hash,
        userHash: row.user_hash,
        channel: row.channel,
        voice: row.voice,
        level: row.level,
        category: row.category,
        disposition: row.disposition,
        findings: row.findings,
        rules: row.rules,
        asked: row.asked,
        contentVersion: row.content_version,
        patientText: row.patient_text,
      }),
    );
  }

  async forgetConversation(conversationHash: string): Promise<number> {
    const { rowCount } = await this.db.queryAutonomous(
      'UPDATE audit_events SET conversation_hash = NULL, user_hash = NULL, patient_text = NULL WHERE conversation_hash = $1',
      [conversationHash],
    );
    return rowCount;
  }

  async deleteOlderThan(before: Date): Promise<number> {
    const { rowCount } = await this.db.queryAutonomous('DELETE FROM audit_events WHERE at < $1', [before.toISOString()]);
    return rowCount;
  }
}
