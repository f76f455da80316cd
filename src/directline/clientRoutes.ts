import type { Request, Response, Server } from 'restify';
import { authorize } from './auth';
import type { Conversation, TokenGrant } from './conversationStore';
import type { ConversationService } from './conversationService';
import { clientAddress } from './clientAddress';
import { guarded, parseBody, queryParam, routeParam, sendError, sendTooMany } from './http';
import { logIds } from './logger';
import type { ResolvedDirectLineOptions } from './options';
import { startConversationSchema, userActivitySchema } from './schemas';
import { streamBaseUrl } from './streamUrl';

const BASE = '/v3/directline';

/**
 * The Direct Line 3.0 routes the page calls (through botframework-directlinejs): start or resume a
 * conversation, refresh its token, read activities after a watermark and post activities.
 */
export function registerClientRoutes(server: Server, service: ConversationService, options: ResolvedDirectLineOptions): void {
  const { store } = service;
  const route = (handler: (req: Request, res: Response) => Promise<void>) => guarded(options.logger, handler);

  const conversationBody = async (req: Request, conversation: Conversation, token: string, expiresInSeconds: number): Promise<Record<string, unknown>> => {
    const watermark = queryParam(req.url, 'watermark');
    const ticket = await store.issueStreamTicket(conversation);
    const query = `t=${encodeURIComponent(ticket)}${watermark ? `&watermark=${encodeURIComponent(watermark)}` : ''}`;
    return {
      conversationId: conversation.id,
      token,
      expires_in: expiresInSeconds,
      streamUrl: `${streamBaseUrl(req, options)}${BASE}/conversations/${encodeURIComponent(conversation.id)}/stream?${query}`,
    };
  };
  const grantBody = (grant: TokenGrant): Record<string, unknown> => ({
    conversationId: grant.conversationId,
    token: grant.token,
    expires_in: grant.expiresInSeconds,
  });

  server.post(`${BASE}/conversations`, route(async (req, res) => {
    const body = await parseBody(req, res, options.maxUserActivityBytes, startConversationSchema);
    if (!body.ok) return;
    let token: string;
    let expiresInSeconds: number;
    let conversation: Conversation;
    if (req.headers.authorization) {
      const auth = await authorize(store, req.headers.authorization);
      if (!auth.ok) return sendError(res, auth.status, auth.code, 'A valid Direct Line token is required.');
      ({ token, conversation, expiresInSeconds } = auth);
    } else {
      const issued = await service.open(clientAddress(req, options.trustProxy));
      if (!issued.ok) return sendTooMany(res, issued);
      const created = await store.get(issued.grant.conversationId);
      if (!created) return sendError(res, 503, 'service_busy', 'The conversation could not be started; try again.');
      token = issued.grant.token;
      expiresInSeconds = issued.grant.expiresInSeconds;
      conversation = created;
    }
    await store.touch(conversation);
    const isNew = !conversation.started;
    // Recorded before answering, so the page's next request finds it started on whichever instance it reaches.
    await service.start(conversation, body.value ?? {});
    res.send(isNew ? 201 : 200, await conversationBody(req, conversation, token, expiresInSeconds));
  }));

  server.post(`${BASE}/tokens/generate`, route(async (req, res) => {
    const issued = await service.open(clientAddress(req, options.trustProxy));
    if (!issued.ok) return sendTooMany(res, issued);
    res.send(grantBody(issued.grant));
  }));

  server.post(`${BASE}/tokens/refresh`, route(async (req, res) => {
    const auth = await authorize(store, req.headers.authorization);
    if (!auth.ok) return sendError(res, auth.status, auth.code, 'A valid Direct Line token is required.');
    res.send(grantBody(await store.issueToken(auth.conversation)));
  }));

  // Direct Line's "reconnect": returns a fresh streamUrl (directlinejs calls it whenever its WebSocket closes).
  server.get(`${BASE}/conversations/:conversationId`, route(async (req, res) => {
    const auth = await authorize(store, req.headers.authorization, routeParam(req, 'conversationId'));
    if (!auth.ok) return sendError(res, auth.status, auth.code, 'This token does not open this conversation.');
    await store.touch(auth.conversation);
    res.send(await conversationBody(req, auth.conversation, auth.token, auth.expiresInSeconds));
  }));

  server.get(`${BASE}/conversations/:conversationId/activities`, route(async (req, res) => {
    const auth = await authorize(store, req.headers.authorization, routeParam(req, 'conversationId'));
    if (!auth.ok) return sendError(res, auth.status, auth.code, 'This token does not open this conversation.');
    await store.touch(auth.conversation);
    res.send(await store.since(auth.conversation.id, queryParam(req.url, 'watermark')));
  }));

  server.post(`${BASE}/conversations/:conversationId/activities`, route(async (req, res) => {
    const auth = await authorize(store, req.headers.authorization, routeParam(req, 'conversationId'));
    if (!auth.ok) return sendError(res, auth.status, auth.code, 'This token does not open this conversation.');
    const body = await parseBody(req, res, options.maxUserActivityBytes, userActivitySchema);
    if (!body.ok) return;
    if (body.value === undefined) return sendError(res, 400, 'missing_activity', 'The request body must be an activity.');
    const posted = await service.postFromUser(auth.conversation, body.value);
    if (!posted) return sendError(res, 403, 'token_expired', 'This conversation has ended; start a new one.');
    options.logger.info({ ...logIds(auth.conversation.id, posted.stored.id), activityType: posted.stored.type }, 'user_activity');
    res.send(200, { id: posted.stored.id });
  }));
}
