import { parseWatermark, type ActivityContent, type ConversationRecord, type ConversationRecords, type NumberedActivity } from './conversationRecords';
import type { IdSource } from './ids';
import type { StoredActivity } from './schemas';
import type { TokenSigner } from './tokenSigner';

/** Milliseconds since the epoch; injected so expiry can be tested. */
export type Clock = () => number;

/** One embedded Direct Line conversation as this instance holds it: its record, plus its queue to this instance's bot. */
export interface Conversation extends ConversationRecord {
  /** Serialises forwarding to the bot so turns of one conversation never overlap on this instance. */
  botQueue: Promise<void>;
}

/** A bearer token as handed to the page. */
export interface TokenGrant {
  token: string;
  conversationId: string;
  expiresInSeconds: number;
}

/** The result of creating a conversation: its first token, or the client's cap reached. */
export type CreateResult =
  | { readonly ok: true; readonly grant: TokenGrant; /** A least recently active conversation was ended to make room. */ readonly evicted: boolean }
  | { readonly ok: false; readonly code: 'too_many_conversations'; readonly retryAfterSeconds: number };

/** The result of looking a token up. */
export type TokenLookup =
  | { kind: 'valid'; conversation: Conversation; expiresInSeconds: number }
  | { kind: 'expired' }
  | { kind: 'unknown' };

/** A page of history after a watermark, in the Direct Line `ActivitySet` shape. */
export interface ActivitySet {
  activities: StoredActivity[];
  watermark: string;
}

/** Limits for {@link ConversationStore}. */
export interface StoreLimits {
  ttlMs: number;
  maxConversations: number;
  /** Most live conversations one client address may hold. */
  livePerClient: number;
  maxHistory: number;
  streamTicketTtlMs: number;
}

interface Held {
  conversation: Conversation;
  /** The client address that started it here, for the per-client cap; undefined when another instance started it. */
  client?: string;
}

/**
 * Conversations, their signed tokens and stream tickets. The records (memory or the database) are the
 * truth every instance shares; this instance also holds a handle per conversation it served, for its
 * bot queue and its limits. Everything expires after `ttlMs` without use and is removed by
 * {@link ConversationStore.sweep}. A client may start `livePerClient` conversations on one instance; at
 * `maxConversations` held by an instance, its least recently active one is ended to make room, so a
 * flood cannot lock every new visitor out.
 */
export class ConversationStore {
  /** Least recently active first: `touch` moves a conversation to the end. */
  private readonly held = new Map<string, Held>();
  private readonly perClient = new Map<string, number>();
  /** Stream tickets already used, until they expire: a ticket opens one socket on this instance. */
  private readonly redeemed = new Map<string, number>();
  private readonly removalHooks = new Set<(conversationId: string) => void>();

  constructor(
    private readonly limits: StoreLimits,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    readonly records: ConversationRecords,
    private readonly signer: TokenSigner,
  ) {}

  /** Creates a conversation (not yet started) for `client` and its first token. */
  async create(client: string): Promise<CreateResult> {
    if ((this.perClient.get(client) ?? 0) >= this.limits.livePerClient) await this.sweep();
    if ((this.perClient.get(client) ?? 0) >= this.limits.livePerClient) {
      return { ok: false, code: 'too_many_conversations', retryAfterSeconds: this.secondsUntilOneExpires(client) };
    }
    if (this.held.size >= this.limits.maxConversations) await this.sweep();
    let evicted = false;
    while (this.held.size >= this.limits.maxConversations) {
      const oldest = this.held.values().next().value;
      if (oldest === undefined) break;
      this.forgetLocally(oldest);
      await this.records.delete([oldest.conversation.id]);
      evicted = true;
    }
    const conversation: Conversation = { id: this.ids.conversationId(), started: false, lastActiveAt: this.clock(), botQueue: Promise.resolve() };
    await this.records.create({ id: conversation.id, started: false, lastActiveAt: conversation.lastActiveAt });
    this.held.set(conversation.id, { conversation, client });
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    return { ok: true, grant: await this.issueToken(conversation), evicted };
  }

  /** Issues a fresh token for a conversation (used by create and refresh); older tokens stay valid until they expire. */
  async issueToken(conversation: Conversation): Promise<TokenGrant> {
    const token = await this.signer.sign({ conversationId: conversation.id, expiresAt: this.clock() + this.limits.ttlMs, kind: 'token', nonce: this.ids.token() });
    await this.touch(conversation);
    return { token, conversationId: conversation.id, expiresInSeconds: Math.floor(this.limits.ttlMs / 1000) };
  }

  /** Finds the conversation a token belongs to, whichever instance minted it. */
  async lookupToken(token: string): Promise<TokenLookup> {
    const claims = await this.signer.verify(token, 'token');
    if (!claims) return { kind: 'unknown' };
    const conversation = await this.load(claims.conversationId);
    if (!conversation) return { kind: 'unknown' };
    if (claims.expiresAt <= this.clock() || this.isIdle(conversation)) return { kind: 'expired' };
    return { kind: 'valid', conversation, expiresInSeconds: Math.max(0, Math.floor((claims.expiresAt - this.clock()) / 1000)) };
  }

  /** A live (not expired) conversation by id, as the records have it now. */
  async get(conversationId: string): Promise<Conversation | undefined> {
    const conversation = await this.load(conversationId);
    return conversation && !this.isIdle(conversation) ? conversation : undefined;
  }

  /** Marks a conversation as in use, postponing its expiry. */
  async touch(conversation: Conversation): Promise<void> {
    conversation.lastActiveAt = this.clock();
    this.moveToEnd(conversation.id);
    await this.records.touch(conversation.id, conversation.lastActiveAt);
  }

  /** Issues a single-use ticket for opening the conversation's WebSocket stream, on any instance. */
  issueStreamTicket(conversation: Conversation): Promise<string> {
    return this.signer.sign({ conversationId: conversation.id, expiresAt: this.clock() + this.limits.streamTicketTtlMs, kind: 'stream', nonce: this.ids.token() });
  }

  /** Redeems a stream ticket once; undefined when forged, used or expired. */
  async redeemStreamTicket(ticket: string): Promise<Conversation | undefined> {
    const claims = await this.signer.verify(ticket, 'stream');
    if (!claims || claims.expiresAt <= this.clock() || this.redeemed.has(claims.nonce)) return undefined;
    this.redeemed.set(claims.nonce, claims.expiresAt);
    return this.get(claims.conversationId);
  }

  /** Appends an activity to a conversation's history; every instance's streams hear of it. Undefined when the conversation is gone. */
  async append(conversation: Conversation, content: ActivityContent): Promise<StoredActivity | undefined> {
    conversation.lastActiveAt = this.clock();
    this.moveToEnd(conversation.id);
    const added = await this.records.append(conversation.id, content, conversation.lastActiveAt, this.limits.maxHistory);
    return added?.activity;
  }

  /** Activities after `watermark`, and the watermark to ask from next time. */
  async since(conversationId: string, watermark: string | undefined): Promise<ActivitySet> {
    const page = await this.records.since(conversationId, parseWatermark(watermark));
    return { activities: page.activities.map((e) => e.activity), watermark: String(page.lastSeq) };
  }

  /** Activities after a sequence number, each with its own. */
  async numberedSince(conversationId: string, afterSeq: number): Promise<NumberedActivity[]> {
    return (await this.records.since(conversationId, afterSeq)).activities;
  }

  /** Registers a hook run for every conversation the sweep or an eviction removes. */
  onRemoved(hook: (conversationId: string) => void): void {
    this.removalHooks.add(hook);
  }

  /** Ends conversations idle past the TTL (here and in the records) and forgets used tickets; returns how many ended. */
  async sweep(): Promise<number> {
    const now = this.clock();
    const ended = new Set(await this.records.deleteIdleSince(now - this.limits.ttlMs));
    for (const held of [...this.held.values()]) {
      if (!this.isIdle(held.conversation)) break;
      // Idle here may still be busy on another instance.
      const record = ended.has(held.conversation.id) ? undefined : await this.records.load(held.conversation.id);
      if (record && now - record.lastActiveAt < this.limits.ttlMs) {
        Object.assign(held.conversation, record);
        this.moveToEnd(record.id);
        continue;
      }
      this.forgetLocally(held);
      ended.add(held.conversation.id);
    }
    for (const [nonce, expiresAt] of this.redeemed) if (expiresAt <= now) this.redeemed.delete(nonce);
    return ended.size;
  }

  /** Counts held by this instance, for tests and health checks. */
  get size(): { conversations: number; redeemedTickets: number } {
    return { conversations: this.held.size, redeemedTickets: this.redeemed.size };
  }

  /** The record, merged into this instance's handle (so its bot queue stays one queue). */
  private async load(conversationId: string): Promise<Conversation | undefined> {
    const record = await this.records.load(conversationId);
    const held = this.held.get(conversationId);
    if (!record) {
      if (held) this.forgetLocally(held);
      return undefined;
    }
    if (held) return Object.assign(held.conversation, record);
    const conversation: Conversation = { ...record, botQueue: Promise.resolve() };
    this.held.set(conversation.id, { conversation });
    return conversation;
  }

  private moveToEnd(conversationId: string): void {
    const held = this.held.get(conversationId);
    if (held && this.held.delete(conversationId)) this.held.set(conversationId, held);
  }

  private forgetLocally(held: Held): void {
    if (!this.held.delete(held.conversation.id)) return;
    if (held.client !== undefined) {
      const left = (this.perClient.get(held.client) ?? 1) - 1;
      if (left > 0) this.perClient.set(held.client, left);
      else this.perClient.delete(held.client);
    }
    for (const hook of this.removalHooks) hook(held.conversation.id);
  }

  /** When the client's least recently active conversation will have expired. */
  private secondsUntilOneExpires(client: string): number {
    for (const held of this.held.values()) {
      if (held.client !== client) continue;
      return Math.max(1, Math.ceil((held.conversation.lastActiveAt + this.limits.ttlMs - this.clock()) / 1000));
    }
    return 1;
  }

  private isIdle(conversation: ConversationRecord): boolean {
    return this.clock() - conversation.lastActiveAt >= this.limits.ttlMs;
  }
}
