import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { errorCode } from '../logging';
import type { FetchLike } from './botForwarder';
import { clientAddress } from './clientAddress';
import { sendError, sendTooMany } from './http';
import { RateLimiter } from './rateLimiter';
import { createRandomIdSource } from './ids';
import { silentLogger, type DirectLineLogger } from './logger';
import type { DirectLineService } from './registerDirectLine';

/** Azure Bot Service's global Direct Line endpoint. */
export const AZURE_DIRECT_LINE_DOMAIN = 'https://directline.botframework.com/v3/directline';

/** Options for {@link registerDirectLineTokenEndpoint}: give `directLine`, `directLineSecret`, or both. */
export interface TokenEndpointOptions {
  /** The embedded service, used when there is no secret; it applies its own limits per client. */
  directLine?: Pick<DirectLineService, 'issueToken'> & Partial<Pick<DirectLineService, 'trustProxy'>>;
  /** With a secret: tokens one client address may get from Azure per minute (default 20). */
  newConversationsPerMinute?: number;
  /** Count clients by the last `X-Forwarded-For` entry (behind one reverse proxy), not the socket (default: as `directLine` does, else false). */
  trustProxy?: boolean;
  /** `DIRECT_LINE_SECRET` of an Azure-registered bot: tokens then come from Azure, and the secret never reaches the browser. */
  directLineSecret?: string;
  fetch?: FetchLike;
  logger?: DirectLineLogger;
}

const azureTokenSchema = z.object({
  conversationId: z.string().min(1),
  token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

/**
 * `POST /api/directline/token`: a token for a new conversation, as `{ token, conversationId, expires_in }`,
 * plus `domain` when it comes from Azure (the page then talks to Azure instead of this server).
 */
export function registerDirectLineTokenEndpoint(server: Server, options: TokenEndpointOptions): void {
  const secret = options.directLineSecret?.trim() || undefined;
  const embedded = options.directLine;
  if (!secret && !embedded) {
    throw new TypeError(
      'registerDirectLineTokenEndpoint: pass directLine (the result of registerDirectLine) or directLineSecret (an Azure Direct Line secret).',
    );
  }
  const logger = options.logger ?? silentLogger;
  const ids = createRandomIdSource();
  const fetchFn: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const domain = AZURE_DIRECT_LINE_DOMAIN;

  const fromAzure = async (res: Response, secretValue: string): Promise<void> => {
    let status = 0;
    try {
      const response = await fetchFn(`${domain}/tokens/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secretValue}`, 'content-type': 'application/json' },
        // A server-chosen `dl_` user id is embedded in the token, so the browser cannot pose as another user.
        body: JSON.stringify({ user: { id: ids.userId() } }),
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      const parsed = response.ok ? azureTokenSchema.safeParse(await response.json()) : undefined;
      if (parsed?.success) {
        const { token, conversationId, expires_in } = parsed.data;
        res.send(200, { token, conversationId, expires_in, domain });
        return;
      }
    } catch (error) {
      logger.error({ code: errorCode(error) }, 'azure_token_unreachable');
      return sendError(res, 502, 'token_service_unavailable', 'The chat service could not be reached; try again shortly.');
    }
    logger.error({ status }, 'azure_token_refused');
    sendError(res, 502, 'token_service_unavailable', 'The chat service could not be reached; try again shortly.');
  };

  // Each Azure token costs a call to Azure and opens a conversation there, so it is rate limited too.
  const trustProxy = options.trustProxy ?? embedded?.trustProxy ?? false;
  const azureRate = new RateLimiter(options.newConversationsPerMinute ?? 20, Date.now);

  server.post('/api/directline/token', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    const client = clientAddress(req, trustProxy);
    if (secret) {
      const rate = azureRate.take(client);
      if (!rate.ok) return sendTooMany(res, { code: 'too_many_new_conversations', retryAfterSeconds: rate.retryAfterSeconds });
      return fromAzure(res, secret);
    }
    let issued: Awaited<ReturnType<DirectLineService['issueToken']>> | undefined;
    try {
      issued = await embedded?.issueToken(client);
    } catch (error) {
      logger.error({ code: errorCode(error) }, 'token_not_issued');
      return sendError(res, 503, 'service_unavailable', 'The chat service cannot reach its storage just now; try again shortly.');
    }
    if (!issued?.ok) return issued ? sendTooMany(res, issued) : sendError(res, 503, 'service_busy', 'The chat service is not available.');
    const { grant } = issued;
    res.send(200, { token: grant.token, conversationId: grant.conversationId, expires_in: grant.expiresInSeconds });
  });
}
