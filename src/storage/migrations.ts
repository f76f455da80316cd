/**
 * The schema, as numbered steps run once each and recorded in `schema_migrations`. Append new steps;
 * never edit one that has shipped. The same SQL runs on PGlite and on a PostgreSQL server.
 */
export const MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE IF NOT EXISTS bot_state (
        key        text PRIMARY KEY,
        doc        jsonb NOT NULL,
        etag       text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX IF NOT EXISTS bot_state_updated_at ON bot_state (updated_at);
      CREATE TABLE IF NOT EXISTS audit_events (
        id                bigserial PRIMARY KEY,
        at                timestamptz NOT NULL,
        kind              text NOT NULL,
        conversation_hash text,
        user_hash         text,
        channel           text NOT NULL,
        voice             text NOT NULL,
        level             text NOT NULL,
        category          text NOT NULL,
        disposition       text NOT NULL,
        findings          jsonb NOT NULL,
        rules             jsonb NOT NULL,
        asked             jsonb NOT NULL,
        content_version   text NOT NULL,
        patient_text      text
      );
      CREATE INDEX IF NOT EXISTS audit_events_at ON audit_events (at);
      CREATE INDEX IF NOT EXISTS audit_events_conversation ON audit_events (conversation_hash);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE IF NOT EXISTS directline_conversations (
        id             text PRIMARY KEY,
        user_account   jsonb,
        locale         text,
        started        boolean NOT NULL DEFAULT false,
        last_seq       bigint NOT NULL DEFAULT 0,
        last_active_ms bigint NOT NULL
      );
      CREATE INDEX IF NOT EXISTS directline_conversations_last_active ON directline_conversations (last_active_ms);
      CREATE TABLE IF NOT EXISTS directline_activities (
        conversation_id text NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
        seq             bigint NOT NULL,
        activity        jsonb NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      );
      CREATE TABLE IF NOT EXISTS directline_secrets (
        name  text PRIMARY KEY,
        value text NOT NULL
      );
    `,
  },
];

/** Creates the bookkeeping table; the caller runs it and the steps inside one transaction. */
export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;

/** Two instances starting at once take turns migrating: a fixed advisory lock key. */
export const MIGRATION_LOCK_KEY = 'baclofen-triage-bot:migrations';
