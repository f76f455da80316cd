import type { FetchLike } from './botForwarder';
import type { Clock } from './conversationStore';
import { createRandomIdSource, type IdSource } from './ids';
import { silentLogger, type DirectLineLogger } from './logger';
import type { ChannelAccount } from './schemas';

/** Options for {@link registerDirectLine}. Only the two URL functions are required. */
export interface DirectLineOptions {
  /** The bot's messages endpoint, e.g. `http://127.0.0.1:3978/api/messages`; read per request, so it may be known only after listen. */
  botEndpoint: () => string;
  /** This service's base URL as the bot reaches it, e.g. `http://127.0.0.1:3978`; sent as each activity's `serviceUrl`. */
  serviceUrl: () => string;
  /** The bot's account in activities (default `{ id: 'bot', name: 'Bot' }`). */
  bot?: ChannelAccount;
  /** `channelId` of every activity (default `directline`). */
  channelId?: string;
  /** Idle time after which tokens and conversations expire (default 30 minutes). */
  ttlMs?: number;
  /** How often expired conversations are swept from memory (default 60 s). */
  sweepIntervalMs?: number;
  /** Most conversations held at once; past it the least recently active one is ended (default 1000). */
  maxConversations?: number;
  /** Most live conversations one client address may hold; more gets 429 (default 20). */
  conversationsPerClient?: number;
  /** New conversations (tokens) one client address may start per minute; more gets 429 (default 20). */
  newConversationsPerMinute?: number;
  /** Count clients by the last `X-Forwarded-For` entry (behind one reverse proxy), not the socket (default false). */
  trustProxy?: boolean;
  /** Most activities kept per conversation (default 200). */
  maxHistory?: number;
  /** Largest activity body the page may post (default 16 KiB). */
  maxUserActivityBytes?: number;
  /** Largest activity body the bot may post (default 256 KiB, room for Adaptive Cards). */
  maxBotActivityBytes?: number;
  /** How long one bot turn may take before it is logged as failed (default 30 s). */
  botTimeoutMs?: number;
  /**
   * What the person reads when the bot could not handle their activity (it answered an error, timed out
   * or could not be reached): appended to the conversation as a bot message. Should say how to reach
   * emergency help. Without it such failures are only logged and the page shows nothing.
   */
  failureText?: string;
  /** Also send the bot an `event` named `webchat/join` when a conversation starts (default false). */
  sendJoinEvent?: boolean;
  /** Most WebSocket streams open at once per conversation (default 4). */
  maxStreamsPerConversation?: number;
  clock?: Clock;
  ids?: IdSource;
  fetch?: FetchLike;
  logger?: DirectLineLogger;
}

/** {@link DirectLineOptions} with every default filled in. */
export type ResolvedDirectLineOptions = Required<Omit<DirectLineOptions, 'failureText'>> & Pick<DirectLineOptions, 'failureText'>;

const POSITIVE_NUMBERS = [
  'ttlMs',
  'sweepIntervalMs',
  'maxConversations',
  'conversationsPerClient',
  'newConversationsPerMinute',
  'maxHistory',
  'maxUserActivityBytes',
  'maxBotActivityBytes',
  'botTimeoutMs',
  'maxStreamsPerConversation',
] as const;

/** Fills in defaults and rejects unusable options with a message that says what to pass instead. */
export function resolveOptions(options: DirectLineOptions): ResolvedDirectLineOptions {
  if (typeof options.botEndpoint !== 'function' || typeof options.serviceUrl !== 'function') {
    throw new TypeError(
      'registerDirectLine: botEndpoint and serviceUrl must be functions returning URLs, e.g. () => `http://127.0.0.1:${port}/api/messages`.',
    );
  }
  const resolved: ResolvedDirectLineOptions = {
    bot: { id: 'bot', name: 'Bot' },
    channelId: 'directline',
    ttlMs: 30 * 60 * 1000,
    sweepIntervalMs: 60 * 1000,
    maxConversations: 1000,
    conversationsPerClient: 20,
    newConversationsPerMinute: 20,
    trustProxy: false,
    maxHistory: 200,
    maxUserActivityBytes: 16 * 1024,
    maxBotActivityBytes: 256 * 1024,
    botTimeoutMs: 30 * 1000,
    sendJoinEvent: false,
    maxStreamsPerConversation: 4,
    clock: Date.now,
    ids: createRandomIdSource(),
    fetch: (url, init) => fetch(url, init),
    logger: silentLogger,
    ...withoutUndefined(options),
  };
  for (const key of POSITIVE_NUMBERS) {
    const value = resolved[key];
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`registerDirectLine: ${key} must be a positive number of ${key.endsWith('Ms') ? 'milliseconds' : 'items or bytes'}; got ${value}.`);
    }
  }
  return resolved;
}

function withoutUndefined(options: DirectLineOptions): DirectLineOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as DirectLineOptions;
}
