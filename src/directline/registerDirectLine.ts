import type { Server } from 'restify';
import { registerClientRoutes } from './clientRoutes';
import { registerConnectorRoutes } from './connectorRoutes';
import { ConversationStore } from './conversationStore';
import { ConversationService, type IssueResult } from './conversationService';
import { errorCode } from '../logging';
import { resolveOptions, type DirectLineOptions, type ResolvedDirectLineOptions } from './options';
import { attachStream } from './stream';
import { TokenSigner } from './tokenSigner';

/** A running embedded Direct Line, as returned by {@link registerDirectLine}. */
export interface DirectLineService {
  /** Creates a conversation and a token for it for `client` (what the page's token endpoint hands out), within the client's limits. */
  issueToken(client: string): Promise<IssueResult>;
  /** Whether the routes count clients by `X-Forwarded-For`. */
  readonly trustProxy: boolean;
  /** The conversations, for tests and health checks. */
  readonly store: ConversationStore;
  /** Removes expired conversations now (a timer also does it every `sweepIntervalMs`). */
  sweep(): Promise<number>;
  /** Stops the sweep timer, closes every stream socket and stops listening; call before `server.close()`. */
  close(): Promise<void>;
}

/**
 * Adds an embedded Direct Line 3.0 service to a restify server, so Web Chat can talk to the bot with no
 * Azure: the `/v3/directline/…` routes and WebSocket stream for the page, and the `/v3/conversations/…`
 * connector routes the bot replies to (its activities' `serviceUrl` points here). These routes read their
 * own request bodies, so install restify's body parser per route (as on `/api/messages`), never with `server.use`.
 */
export function registerDirectLine(server: Server, options: DirectLineOptions): DirectLineService {
  const resolved = resolveOptions(options);
  const store = new ConversationStore(
    {
      ttlMs: resolved.ttlMs,
      maxConversations: resolved.maxConversations,
      livePerClient: resolved.conversationsPerClient,
      maxHistory: resolved.maxHistory,
      streamTicketTtlMs: Math.min(resolved.ttlMs, 5 * 60 * 1000),
    },
    resolved.clock,
    resolved.ids,
    resolved.records,
    new TokenSigner(tokenKey(resolved)),
  );
  const service = new ConversationService(store, resolved);
  registerClientRoutes(server, service, resolved);
  registerConnectorRoutes(server, service, resolved);
  const stream = attachStream(server, store, resolved);
  const sweeper = setInterval(() => {
    store.sweep().then(
      (removed) => {
        if (removed > 0) resolved.logger.info({ removed }, 'conversations_expired');
      },
      (error: unknown) => resolved.logger.error({ code: errorCode(error) }, 'conversations_not_swept'),
    );
  }, resolved.sweepIntervalMs);
  sweeper.unref();

  return {
    issueToken: (client) => service.open(client),
    trustProxy: resolved.trustProxy,
    store,
    sweep: () => store.sweep(),
    close: async () => {
      clearInterval(sweeper);
      await stream.close();
    },
  };
}

function tokenKey(options: ResolvedDirectLineOptions): () => Promise<Buffer> {
  const configured = options.tokenSecret;
  if (configured !== undefined) {
    const key = Buffer.from(configured, 'utf8');
    return async () => key;
  }
  return () => options.records.signingKey();
}
