import type { Request, Response, Server } from 'restify';
import { authorize } from './auth';
import type { Conversation, TokenGrant } from './conversationStore';
import type { ConversationService } from './conversationService';
import { clientAddress } from './clientAddress';
import { parseBody, queryParam, routeParam, sendError, sendTooMany } from './http';
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

  const conversationBody = (req: Request, conversation: Conversation, token: string): Record<string, unknown> => {
    const watermark = queryParam(req.url, 'watermark');
    const ticket = store.issueStreamTicket(conversation);
    const query = `t=${encodeURIComponent(ticket)}${watermark ? `&watermark=${encodeURIComponent(watermark)}` : ''}`;
    return {
      conversationId: conversation.id,
      token,
      expires_in: store.secondsLeft(token),
      streamUrl: `${streamBaseUrl(req, options)}${BASE}/conversations/${encodeURIComponent(conversation.id)}/stream?${query}`,
    };
  };
  const grantBody = (grant: TokenGrant): Record<string, unknown> => ({
    conversationId: grant.conversationId,
    token: grant.token,
    expires_in: grant.expiresInSeconds,
  });

  server.post(`${BASE}/conversations`, async (req: Request, res: Response) => {
    const body = await parseBody(req, res, options.maxUserActivityBytes, startConversationSchema);
    if (!body.ok) return;
    let token: string;
    let conversation: Conversation;
    if (req.headers.authorization) {
      const auth = authorize(store, req.headers.authorization);
      if (!auth.ok) return sendError(res, auth.status, auth.code, 'A valid Direct Line token is required.');
      ({ token, conversation } = auth);
    } else {
      const issued = service.open(clientAddress(req, options.trustProxy));
      if (!issued.ok) return sendTooMany(res, issued);
      const created = store.get(issued.grant.conversationId);
      if (!created) return sendError(res, 503, 'service_busy', 'The conversation could not be started; try again.');
      ({ token } = issued.grant);
      conversation = created;
    }
    store.touch(conversation);
    const isNew = !conversation.started;
    void service.start(conversation, body.value ?? {});
    res.send(isNew ? 201 : 200, conversationBody(req, conversation, token));
  });

  server.post(`${BASE}/tokens/generate`, async (req: Request, res: Response) => {
    const issued = service.open(clientAddress(req, options.trustProxy));
    if (!issued.ok) return sendTooMany(res, issued);
    res.send(grantBody(issued.grant));
  });

  server.post(`${BASE}/tokens/refresh`, async (req: Request, res: Response) => {
    const auth = authorize(store, req.headers.authorization);
    if (!auth.ok) return sendError(res, auth.status, auth.code, 'A valid Direct Line token is required.');
    res.send(grantBody(store.issueToken(auth.conversation)));
  });

  // Direct Line's "reconnect": returns a fresh streamUrl (directlinejs calls it whenever its WebSocket closes).
  server.get(`${BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const auth = authorize(store, req.headers.authorization, routeParam(req, 'conversationId'));
    if (!auth.ok) return sendError(res, auth.status, auth.code, 'This token does not open this conversation.');
    store.touch(auth.conversation);
    res.send(conversationBody(req, auth.conversation, auth.token));
  });

  server.get(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const auth = authorize(store, req.headers.authorization, routeParam(req, 'conversationId'));
    if (!auth.ok) return sendError(res, auth.status, auth.code, 'This token does not open this conversation.');
    store.touch(auth.conversation);
    res.send(auth.conversation.history.since(queryParam(req.url, 'watermark')));
  });

  server.post(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const auth = authorize(store, req.headers.authorization, routeParam(req, 'conversationId'));
    if (!auth.ok) return sendError(res, auth.status, auth.code, 'This token does not open this conversation.');
    const body = await parseBody(req, res, options.maxUserActivityBytes, userActivitySchema);
    if (!body.ok) return;
    if (body.value === undefined) return sendError(res, 400, 'missing_activity', 'The request body must be an activity.');
    const { stored } = service.postFromUser(auth.conversation, body.value);
    options.logger.info({ ...logIds(auth.conversation.id, stored.id), activityType: stored.type }, 'user_activity');
    res.send(200, { id: stored.id });
  });
}
