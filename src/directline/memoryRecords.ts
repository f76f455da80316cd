import { randomBytes } from 'node:crypto';
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

interface Held {
  record: ConversationRecord;
  lastSeq: number;
  activities: NumberedActivity[];
}

/** Conversation records for one process (`STORAGE=memory` and tests): gone when it stops. */
export class MemoryConversationRecords implements ConversationRecords {
  private readonly held = new Map<string, Held>();
  private readonly listeners = new Set<(change: ActivityChange | 'resume') => void>();
  // One process: a key of its own is shared by everything that can see these records.
  private readonly key = randomBytes(32);

  async create(record: ConversationRecord): Promise<void> {
    this.held.set(record.id, { record: { ...record }, lastSeq: 0, activities: [] });
  }

  async load(conversationId: string): Promise<ConversationRecord | undefined> {
    const held = this.held.get(conversationId);
    return held ? { ...held.record } : undefined;
  }

  async claimStart(conversationId: string, user: { id: string; name?: string }, locale: string | undefined, at: number): Promise<boolean> {
    const held = this.held.get(conversationId);
    if (!held || held.record.started) return false;
    held.record = { ...held.record, started: true, user, locale, lastActiveAt: at };
    return true;
  }

  async touch(conversationId: string, at: number): Promise<void> {
    const held = this.held.get(conversationId);
    if (held) held.record.lastActiveAt = at;
  }

  async append(conversationId: string, content: ActivityContent, at: number, maxHistory: number): Promise<NumberedActivity | undefined> {
    const held = this.held.get(conversationId);
    if (!held) return undefined;
    const seq = ++held.lastSeq;
    const entry = { seq, activity: { ...content, id: activityIdOf(conversationId, seq) } as StoredActivity };
    held.activities.push(entry);
    if (held.activities.length > maxHistory) held.activities.splice(0, held.activities.length - maxHistory);
    held.record.lastActiveAt = at;
    this.emit({ conversationId, seq, kind: 'added' });
    return entry;
  }

  async since(conversationId: string, afterSeq: number): Promise<ActivityPage> {
    const held = this.held.get(conversationId);
    if (!held) return { activities: [], lastSeq: 0 };
    return { activities: held.activities.filter((e) => e.seq > afterSeq), lastSeq: held.lastSeq };
  }

  async at(conversationId: string, seq: number): Promise<StoredActivity | undefined> {
    return this.held.get(conversationId)?.activities.find((e) => e.seq === seq)?.activity;
  }

  async replace(conversationId: string, activityId: string, update: (old: StoredActivity) => StoredActivity): Promise<StoredActivity | undefined> {
    const held = this.held.get(conversationId);
    const seq = seqOf(conversationId, activityId);
    const index = held?.activities.findIndex((e) => e.seq === seq) ?? -1;
    if (!held || seq === undefined || index < 0) return undefined;
    const activity = update(held.activities[index]!.activity);
    held.activities[index] = { seq, activity };
    this.emit({ conversationId, seq, kind: 'updated' });
    return activity;
  }

  async remove(conversationId: string, activityId: string): Promise<boolean> {
    const held = this.held.get(conversationId);
    const index = held?.activities.findIndex((e) => e.activity.id === activityId) ?? -1;
    if (!held || index < 0) return false;
    held.activities.splice(index, 1);
    return true;
  }

  async forgetActivities(conversationId: string): Promise<number> {
    const held = this.held.get(conversationId);
    if (!held) return 0;
    const count = held.activities.length;
    held.activities = [];
    return count;
  }

  async delete(conversationIds: readonly string[]): Promise<void> {
    for (const id of conversationIds) this.held.delete(id);
  }

  async deleteIdleSince(cutoff: number): Promise<string[]> {
    const idle = [...this.held.values()].filter((h) => h.record.lastActiveAt <= cutoff).map((h) => h.record.id);
    await this.delete(idle);
    return idle;
  }

  async signingKey(): Promise<Buffer> {
    return this.key;
  }

  async onChange(listener: (change: ActivityChange | 'resume') => void): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  /** How many conversations are held, for tests. */
  get size(): number {
    return this.held.size;
  }

  private emit(change: ActivityChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
