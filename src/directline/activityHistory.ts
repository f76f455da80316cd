import type { StoredActivity } from './schemas';

/** A page of history after a watermark, in the Direct Line `ActivitySet` shape. */
export interface ActivitySet {
  activities: StoredActivity[];
  watermark: string;
}

interface Entry {
  seq: number;
  activity: StoredActivity;
}

/**
 * One conversation's activities, each numbered by a sequence that never repeats.
 * The watermark handed to clients is that sequence number as a string; the oldest entries
 * are dropped past `capacity`, which a client with an old watermark simply never sees.
 */
export class ActivityHistory {
  private readonly entries: Entry[] = [];
  private lastSeq = 0;

  constructor(private readonly capacity: number) {}

  /** Stores an activity built from the next sequence number and returns it. */
  append(build: (seq: number) => StoredActivity): { seq: number; activity: StoredActivity } {
    const seq = ++this.lastSeq;
    const entry = { seq, activity: build(seq) };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return entry;
  }

  /** Activities newer than `watermark` (all of them when it is absent or unreadable). */
  since(watermark: string | undefined): ActivitySet {
    const after = parseWatermark(watermark);
    return {
      activities: this.entries.filter((e) => e.seq > after).map((e) => e.activity),
      watermark: String(this.lastSeq),
    };
  }

  /** The current watermark: the sequence number of the newest activity. */
  get watermark(): string {
    return String(this.lastSeq);
  }

  /** Whether an activity with this id is still held. */
  has(activityId: string): boolean {
    return this.entries.some((e) => e.activity.id === activityId);
  }

  /** Replaces the activity with this id in place; returns the replacement or undefined when not held. */
  replace(activityId: string, update: (old: StoredActivity) => StoredActivity): StoredActivity | undefined {
    const entry = this.entries.find((e) => e.activity.id === activityId);
    if (!entry) return undefined;
    entry.activity = update(entry.activity);
    return entry.activity;
  }

  /** Removes the activity with this id; returns whether it was held. */
  remove(activityId: string): boolean {
    const index = this.entries.findIndex((e) => e.activity.id === activityId);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    return true;
  }
}

function parseWatermark(watermark: string | undefined): number {
  if (!watermark || !/^\d{1,15}$/.test(watermark)) return 0;
  return Number(watermark);
}
