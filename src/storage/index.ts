/**
 * Conversation state on PostgreSQL SQL: the embedded PGlite by default, a PostgreSQL server through
 * `DATABASE_URL`, or memory for tests; real eTags, and one turn at a time per conversation.
 */
export { createStorage, type StorageHealth, type StorageRuntime } from './createStorage';
export { conversationKey, serialisedTurns, type TurnHandler } from './serialisedTurns';
export { TurnQueue } from './turnQueue';
export { SqlStorage } from './sqlStorage';
export { InMemoryStorage } from './memoryStorage';
export { FailSoftStorage, UNREAD_ETAG } from './failSoftStorage';
export { ABSENT_ETAG, StateConflictError, type EtagStorage } from './etagStorage';
export { VersionedConversationState } from './versionedConversationState';
export { PgliteDatabase } from './pgliteDatabase';
export { PostgresDatabase } from './postgresDatabase';
export { DatabaseUnavailableError, type SqlDatabase, type StorageKind, type DatabaseStatus, type QueryResult } from './sqlDatabase';
