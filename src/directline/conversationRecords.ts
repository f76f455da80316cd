import type { StoredActivity } from './schemas';

/** What every instance knows about a Direct Line conversation: the stored part of it. */
export interface ConversationRecord {
  readonly id: string;
  /** Bound when the conversation starts; every user activity is attributed to it. */
  user?: { id: string; name?: string };
  locale?: string;
  started: boolean;
  /** Milliseconds since the epoch, by the Direct Line's clock. */
  lastActiveAt: number;
}

/** An activity before it is stored: the id comes from its place in the conversation. */
export type ActivityContent = Omit<StoredActivity, 'id'>;

/** An activity and its sequence number, which is the watermark up to and including it. */
export interface NumberedActivity {
  readonly seq: number;
  readonly activity: StoredActivity;
}

/** A conversation's activities after a watermark, and the newest sequence number. */
export interface ActivityPage {
  readonly activities: NumberedActivity[];
  readonly lastSeq: number;
}

/** Something changed in a conversation's activities, on this instance or another one. */
export interface ActivityChange {
  readonly conversationId: string;
  readonly seq: number;
  readonly kind: 'added' | 'updated';
}

/**
 * Where the embedded Direct Line keeps conversations and their activities, so every instance on one
 * database serves every conversation: in memory for one process, or in PostgreSQL (PGlite or a server).
 */
export interface ConversationRecords {
  create(record: ConversationRecord): Promise<void>;
  /** The conversation, idle or not; undefined when there is none. */
  load(conversationId: string): Promise<ConversationRecord | undefined>;
  /** Binds the user and marks the conversation started; false when it had already started (here or elsewhere). */
  claimStart(conversationId: string, user: { id: string; name?: string }, locale: string | undefined, at: number): Promise<boolean>;
  touch(conversationId: string, at: number): Promise<void>;
  /** Stores the next activity, keeping the newest `maxHistory`; undefined when the conversation is gone. */
  append(conversationId: string, content: ActivityContent, at: number, maxHistory: number): Promise<NumberedActivity | undefined>;
  since(conversationId: string, afterSeq: number): Promise<ActivityPage>;
  /** The activity with this sequence number, if still held. */
  at(conversationId: string, seq: number): Promise<StoredActivity | undefined>;
  /** Replaces an activity; undefined when it is not held. */
  replace(conversationId: string, activityId: string, update: (old: StoredActivity) => StoredActivity): Promise<StoredActivity | undefined>;
  remove(conversationId: string, activityId: string): Promise<boolean>;
  /** "Forget me": deletes the conversation's stored activities (the conversation goes on); returns how many. */
  forgetActivities(conversationId: string): Promise<number>;
  /** Ends conversations with their activities. */
  delete(conversationIds: readonly string[]): Promise<void>;
  /** Ends conversations idle since `cutoff` (inclusive); returns their ids. */
  deleteIdleSince(cutoff: number): Promise<string[]>;
  /** The key tokens are signed with, the same on every instance: generated once and kept with the records. */
  signingKey(): Promise<Buffer>;
  /** Hears every change, from this instance and others; `'resume'` when changes may have been missed. */
  onChange(listener: (change: ActivityChange | 'resume') => void): Promise<() => Promise<void>>;
}

/** The activity id for a place in a conversation: the conversation id, then the zero-padded sequence number. */
export function activityIdOf(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** The sequence number in an activity id of this conversation, or undefined for any other id. */
export function seqOf(conversationId: string, activityId: string): number | undefined {
  const prefix = `${conversationId}|`;
  if (!activityId.startsWith(prefix)) return undefined;
  const rest = activityId.slice(prefix.length);
  return /^\d{1,15}$/.test(rest) ? Number(rest) : undefined;
}

/** The sequence number a watermark names (0, everything, when it is absent or unreadable). */
export function parseWatermark(watermark: string | undefined): number {
  if (!watermark || !/^\d{1,15}$/.test(watermark)) return 0;
  return Number(watermark);
}
