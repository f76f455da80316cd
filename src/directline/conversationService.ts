import { errorCode } from '../logging';
import { forwardToBot } from './botForwarder';
import type { Conversation, ConversationStore, TokenGrant } from './conversationStore';
import { logIds } from './logger';
import type { ResolvedDirectLineOptions } from './options';
import { RateLimiter } from './rateLimiter';
import type { BotActivity, StartConversation, StoredActivity, UserActivity } from './schemas';

// A client-chosen user id is kept when it looks like one; `dl_` ids are reserved for the server.
const CLIENT_USER_ID = /^(?!dl_)[A-Za-z0-9_.:@-]{1,128}$/;

/** A new conversation's token, or why the client may not start one now (429 with Retry-After). */
export type IssueResult =
  | { readonly ok: true; readonly grant: TokenGrant }
  | { readonly ok: false; readonly code: 'too_many_new_conversations' | 'too_many_conversations'; readonly retryAfterSeconds: number };

/**
 * What the embedded Direct Line does with activities, apart from HTTP: it binds the user, stamps
 * activities with server-side ids, keeps them in the history and hands them to the bot.
 */
export class ConversationService {
  private readonly newConversations: RateLimiter;

  constructor(
    readonly store: ConversationStore,
    private readonly options: ResolvedDirectLineOptions,
  ) {
    this.newConversations = new RateLimiter(options.newConversationsPerMinute, options.clock);
  }

  /** A new conversation for `client`, within its rate and its cap on live conversations. */
  async open(client: string): Promise<IssueResult> {
    const rate = this.newConversations.take(client);
    if (!rate.ok) {
      this.options.logger.warn({ code: 'too_many_new_conversations' }, 'conversation_refused');
      return { ok: false, code: 'too_many_new_conversations', retryAfterSeconds: rate.retryAfterSeconds };
    }
    const created = await this.store.create(client);
    if (!created.ok) {
      this.options.logger.warn({ code: created.code }, 'conversation_refused');
      return created;
    }
    if (created.evicted) this.options.logger.warn({ code: 'max_conversations' }, 'conversation_evicted');
    return { ok: true, grant: created.grant };
  }

  /**
   * Starts a conversation once, on whichever instance asks first: binds the user and tells the bot the
   * user joined, so the bot greets before the person types. Resolves once the start is recorded (the
   * bot's turn is then queued on `conversation.botQueue`); later calls, here or elsewhere, do nothing.
   */
  async start(conversation: Conversation, request: StartConversation = {}): Promise<void> {
    if (conversation.started) return;
    const requested = request.user?.id;
    const user = {
      id: requested && CLIENT_USER_ID.test(requested) ? requested : this.options.ids.userId(),
      ...(request.user?.name ? { name: request.user.name } : {}),
    };
    const claimed = await this.store.records.claimStart(conversation.id, user, request.locale, this.options.clock());
    if (!claimed) {
      Object.assign(conversation, await this.store.records.load(conversation.id));
      return;
    }
    Object.assign(conversation, { started: true, user, locale: request.locale });
    void this.toBot(conversation, {
      ...this.envelope(conversation, `${conversation.id}|start`),
      type: 'conversationUpdate',
      membersAdded: [this.botAccount(), { ...user, role: 'user' }],
    });
    if (this.options.sendJoinEvent) {
      void this.toBot(conversation, {
        ...this.envelope(conversation, `${conversation.id}|join`),
        type: 'event',
        name: 'webchat/join',
        value: { language: conversation.locale },
      });
    }
    this.options.logger.info(logIds(conversation.id), 'conversation_started');
  }

  /** Stores the page's activity (its `channelData` untouched) and queues it for the bot; undefined when the conversation ended meanwhile. */
  async postFromUser(conversation: Conversation, activity: UserActivity): Promise<{ stored: StoredActivity; turn: Promise<void> } | undefined> {
    if (!conversation.started) await this.start(conversation, { ...(activity.from ? { user: activity.from } : {}), ...(activity.locale ? { locale: activity.locale } : {}) });
    const { from: _claimedFrom, ...content } = activity;
    const stored = await this.store.append(conversation, {
      ...content,
      timestamp: new Date(this.options.clock()).toISOString(),
      channelId: this.options.channelId,
      conversation: { id: conversation.id },
      from: this.userAccount(conversation),
      recipient: this.botAccount(),
    });
    if (!stored) return undefined;
    const turn = this.toBot(conversation, { ...stored, serviceUrl: this.options.serviceUrl() });
    return { stored, turn };
  }

  /** Stores an activity the bot sent through the connector routes; undefined when the conversation ended meanwhile. */
  postFromBot(conversation: Conversation, activity: BotActivity, replyToId?: string): Promise<StoredActivity | undefined> {
    const { serviceUrl: _serviceUrl, id: _botId, ...content } = activity;
    return this.store.append(conversation, {
      ...content,
      timestamp: new Date(this.options.clock()).toISOString(),
      channelId: this.options.channelId,
      conversation: { id: conversation.id },
      from: { ...(activity.from ?? this.botAccount()), role: activity.from?.role ?? 'bot' },
      recipient: this.userAccount(conversation),
      ...(activity.replyToId ?? replyToId ? { replyToId: activity.replyToId ?? replyToId } : {}),
    });
  }

  /** Replaces a bot activity in the history and re-sends it on every stream; undefined when it is not held. */
  async updateFromBot(conversation: Conversation, activityId: string, activity: BotActivity): Promise<StoredActivity | undefined> {
    const updated = await this.store.records.replace(conversation.id, activityId, (old) => ({
      ...old,
      ...activity,
      id: old.id,
      timestamp: old.timestamp,
      channelId: old.channelId,
      conversation: old.conversation,
      from: old.from,
      recipient: old.recipient,
    }));
    if (updated) await this.store.touch(conversation);
    return updated;
  }

  /** The conversation's members, for the connector's GET members route. */
  members(conversation: Conversation): Record<string, unknown>[] {
    return conversation.user ? [this.botAccount(), this.userAccount(conversation)] : [this.botAccount()];
  }

  private toBot(conversation: Conversation, activity: Record<string, unknown> & { id: string; type: string }): Promise<void> {
    return forwardToBot(conversation, activity, {
      botEndpoint: this.options.botEndpoint,
      fetch: this.options.fetch,
      timeoutMs: this.options.botTimeoutMs,
      logger: this.options.logger,
      onFailure: () => this.tellBotFailed(conversation, activity),
    });
  }

  // The page already got 200 for the activity, so without this message the person would wait for a reply
  // that never comes, and never read how to reach emergency help. Like the bot's onTurnError, only a
  // message or the conversation's start is answered, not a typing indicator or an event.
  private tellBotFailed(conversation: Conversation, activity: { id: string; type: string }): void {
    const text = this.options.failureText;
    if (!text || (activity.type !== 'message' && activity.type !== 'conversationUpdate')) return;
    this.postFromBot(conversation, { type: 'message', text, replyToId: activity.id, channelData: { replyId: 'bot_unavailable' } }).catch((error: unknown) => {
      this.options.logger.error({ ...logIds(conversation.id), code: errorCode(error) }, 'bot_failure_not_shown');
    });
  }

  private envelope(conversation: Conversation, id: string): Record<string, unknown> & { id: string } {
    return {
      id,
      timestamp: new Date(this.options.clock()).toISOString(),
      channelId: this.options.channelId,
      serviceUrl: this.options.serviceUrl(),
      conversation: { id: conversation.id },
      from: this.userAccount(conversation),
      recipient: this.botAccount(),
      ...(conversation.locale ? { locale: conversation.locale } : {}),
    };
  }

  private botAccount(): Record<string, unknown> {
    return { ...this.options.bot, role: 'bot' };
  }

  private userAccount(conversation: Conversation): Record<string, unknown> {
    return { ...(conversation.user ?? { id: 'unknown' }), role: 'user' };
  }
}
