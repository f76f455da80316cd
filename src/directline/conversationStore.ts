import { ActivityHistory } from './activityHistory';
import type { IdSource } from './ids';
import type { StoredActivity } from './schemas';

/** Milliseconds since the epoch; injected so expiry can be tested. */
export type Clock = () => number;

/** One embedded Direct Line conversation. */
export interface Conversation {
  readonly id: string;
  /** The client address that started it, for the per-client cap. */
  readonly client: string;
  /** Bound when the conversation starts; every user activity is attributed to it. */
  user?: { id: string; name?: string };
  locale?: string;
  started: boolean;
  lastActiveAt: number;
  readonly history: ActivityHistory;
  readonly listeners: Set<(activity: StoredActivity, watermark: string) => void>;
  /** Serialises forwarding to the bot so turns of one conversation never overlap. */
  botQueue: Promise<void>;
}

/** A bearer token as handed to the page. */
export interface TokenGrant {
  token: string;
  conversationId: string;
  expiresInSeconds: number;
}

interface Expiring {
  conversationId: string;
  expiresAt: number;
}

/** The result of creating a conversation: its first token, or the client's cap reached. */
export type CreateResult =
  | { readonly ok: true; readonly grant: TokenGrant; /** A least recently active conversation was ended to make room. */ readonly evicted: boolean }
  | { readonly ok: false; readonly code: 'too_many_conversations'; readonly retryAfterSeconds: number };

/** The result of looking a token up. */
export type TokenLookup =
  | { kind: 'valid'; conversation: Conversation }
  | { kind: 'expired' }
  | { kind: 'unknown' };

/** Limits for {@link ConversationStore}. */
export interface StoreLimits {
  ttlMs: number;
  maxConversations: number;
  /** Most live conversations one client address may hold. */
  livePerClient: number;
  maxHistory: number;
  streamTicketTtlMs: number;
}

/**
 * Conversations, their tokens and their WebSocket stream tickets, all kept in memory.
 * Everything expires after `ttlMs` without use and is removed by {@link ConversationStore.sweep}.
 * A client may hold `livePerClient` conversations; at `maxConversations` in all, the least recently
 * active one is ended to make room, so a flood cannot lock every new visitor out.
 */
export class ConversationStore {
  /** Least recently active first: `touch` moves a conversation to the end. */
  private readonly conversations = new Map<string, Conversation>();
  private readonly perClient = new Map<string, number>();
  private readonly tokens = new Map<string, Expiring>();
  private readonly tickets = new Map<string, Expiring>();
  private readonly removalHooks = new Set<(conversationId: string) => void>();

  constructor(
    private readonly limits: StoreLimits,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** Creates a conversation (not yet started) for `client` and its first token. */
  create(client: string): CreateResult {
    if ((this.perClient.get(client) ?? 0) >= this.limits.livePerClient) this.sweep();
    if ((this.perClient.get(client) ?? 0) >= this.limits.livePerClient) {
      return { ok: false, code: 'too_many_conversations', retryAfterSeconds: this.secondsUntilOneExpires(client) };
    }
    if (this.conversations.size >= this.limits.maxConversations) this.sweep();
    let evicted = false;
    while (this.conversations.size >= this.limits.maxConversations) {
      const oldest = this.conversations.values().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
      evicted = true;
    }
    const conversation: Conversation = {
      id: this.ids.conversationId(),
      client,
      started: false,
      lastActiveAt: this.clock(),
      history: new ActivityHistory(this.limits.maxHistory),
      listeners: new Set(),
      botQueue: Promise.resolve(),
    };
    this.conversations.set(conversation.id, conversation);
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    return { ok: true, grant: this.issueToken(conversation), evicted };
  }

  /** Issues a fresh token for a conversation (used by create and refresh); older tokens stay valid until they expire. */
  issueToken(conversation: Conversation): TokenGrant {
    const token = this.ids.token();
    this.tokens.set(token, { conversationId: conversation.id, expiresAt: this.clock() + this.limits.ttlMs });
    this.touch(conversation);
    return { token, conversationId: conversation.id, expiresInSeconds: Math.floor(this.limits.ttlMs / 1000) };
  }

  /** Seconds until this token expires (0 when it has). */
  secondsLeft(token: string): number {
    const record = this.tokens.get(token);
    return record ? Math.max(0, Math.floor((record.expiresAt - this.clock()) / 1000)) : 0;
  }

  /** Finds the conversation a token belongs to. */
  lookupToken(token: string): TokenLookup {
    const record = this.tokens.get(token);
    if (!record) return { kind: 'unknown' };
    const conversation = this.get(record.conversationId);
    if (record.expiresAt <= this.clock() || !conversation) return { kind: 'expired' };
    return { kind: 'valid', conversation };
  }

  /** A live (not expired) conversation by id. */
  get(conversationId: string): Conversation | undefined {
    const conversation = this.conversations.get(conversationId);
    if (!conversation || this.isIdle(conversation)) return undefined;
    return conversation;
  }

  /** Marks a conversation as in use, postponing its expiry. */
  touch(conversation: Conversation): void {
    conversation.lastActiveAt = this.clock();
    if (this.conversations.delete(conversation.id)) this.conversations.set(conversation.id, conversation);
  }

  /** Issues a single-use ticket for opening the conversation's WebSocket stream. */
  issueStreamTicket(conversation: Conversation): string {
    const ticket = this.ids.token();
    this.tickets.set(ticket, { conversationId: conversation.id, expiresAt: this.clock() + this.limits.streamTicketTtlMs });
    return ticket;
  }

  /** Redeems a stream ticket once; undefined when unknown, used or expired. */
  redeemStreamTicket(ticket: string): Conversation | undefined {
    const record = this.tickets.get(ticket);
    if (!record) return undefined;
    this.tickets.delete(ticket);
    if (record.expiresAt <= this.clock()) return undefined;
    return this.get(record.conversationId);
  }

  /** Appends an activity to a conversation's history and tells its listeners. */
  append(conversation: Conversation, build: (activityId: string) => StoredActivity): StoredActivity {
    const { seq, activity } = conversation.history.append((n) => build(`${conversation.id}|${String(n).padStart(7, '0')}`));
    this.touch(conversation);
    this.publish(conversation, activity, String(seq));
    return activity;
  }

  /** Tells a conversation's stream listeners about an activity (new or updated). */
  publish(conversation: Conversation, activity: StoredActivity, watermark = conversation.history.watermark): void {
    for (const listener of conversation.listeners) listener(activity, watermark);
  }

  /** Registers a hook run for every conversation the sweep removes. */
  onRemoved(hook: (conversationId: string) => void): void {
    this.removalHooks.add(hook);
  }

  /** Removes idle conversations and expired tokens and tickets; returns how many conversations went. */
  sweep(): number {
    const now = this.clock();
    let removed = 0;
    // Least recently active first, so the first one still live ends the scan.
    for (const conversation of [...this.conversations.values()]) {
      if (!this.isIdle(conversation)) break;
      this.remove(conversation);
      removed++;
    }
    for (const map of [this.tokens, this.tickets]) {
      for (const [key, record] of map) {
        if (record.expiresAt <= now || !this.conversations.has(record.conversationId)) map.delete(key);
      }
    }
    return removed;
  }

  /** Counts held in memory, for tests and health checks. */
  get size(): { conversations: number; tokens: number; tickets: number } {
    return { conversations: this.conversations.size, tokens: this.tokens.size, tickets: this.tickets.size };
  }

  private remove(conversation: Conversation): void {
    this.conversations.delete(conversation.id);
    const left = (this.perClient.get(conversation.client) ?? 1) - 1;
    if (left > 0) this.perClient.set(conversation.client, left);
    else this.perClient.delete(conversation.client);
    conversation.listeners.clear();
    for (const hook of this.removalHooks) hook(conversation.id);
  }

  /** When the client's least recently active conversation will have expired. */
  private secondsUntilOneExpires(client: string): number {
    for (const conversation of this.conversations.values()) {
      if (conversation.client !== client) continue;
      return Math.max(1, Math.ceil((conversation.lastActiveAt + this.limits.ttlMs - this.clock()) / 1000));
    }
    return 1;
  }

  private isIdle(conversation: Conversation): boolean {
    return this.clock() - conversation.lastActiveAt >= this.limits.ttlMs;
  }
}
