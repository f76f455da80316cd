import type { Request, Response, Server } from 'restify';
import { isLoopbackAddress } from './clientAddress';
import type { Conversation } from './conversationStore';
import type { ConversationService } from './conversationService';
import { guarded, parseBody, routeParam, sendError } from './http';
import { logIds } from './logger';
import type { ResolvedDirectLineOptions } from './options';
import { botActivitySchema } from './schemas';

const BASE = '/v3/conversations/:conversationId';

/**
 * The Bot Connector routes the bot's adapter calls at the activities' `serviceUrl` to send, update and
 * delete replies. They take no Direct Line token: in local mode (no app id) the adapter sends no
 * Authorization header. With an app id it would send a Bot Framework bearer token, which is accepted
 * unchecked here: only someone holding a conversation's unguessable id can post into it, and by default
 * only from this machine (the bot runs here). Unknown or expired conversations get 404.
 */
export function registerConnectorRoutes(server: Server, service: ConversationService, options: ResolvedDirectLineOptions): void {
  const { store } = service;
  const route = (handler: (req: Request, res: Response) => Promise<void>) => guarded(options.logger, handler);

  const conversationFor = async (req: Request, res: Response): Promise<Conversation | undefined> => {
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      options.logger.warn({ code: 'connector_remote_refused' }, 'connector_forbidden');
      sendError(res, 403, 'connector_loopback_only', 'Bot connector calls are accepted from this machine only.');
      return undefined;
    }
    const conversation = await store.get(routeParam(req, 'conversationId'));
    if (!conversation) sendError(res, 404, 'conversation_not_found', 'No such conversation, or it expired.');
    return conversation;
  };

  const send = async (req: Request, res: Response): Promise<void> => {
    const conversation = await conversationFor(req, res);
    if (!conversation) return;
    const body = await parseBody(req, res, options.maxBotActivityBytes, botActivitySchema);
    if (!body.ok) return;
    if (body.value === undefined) return sendError(res, 400, 'missing_activity', 'The request body must be an activity.');
    const stored = await service.postFromBot(conversation, body.value, routeParam(req, 'activityId'));
    if (!stored) return sendError(res, 404, 'conversation_not_found', 'No such conversation, or it expired.');
    options.logger.info({ ...logIds(conversation.id, stored.id), activityType: stored.type }, 'bot_activity');
    res.send(200, { id: stored.id });
  };
  server.post(`${BASE}/activities`, route(send));
  server.post(`${BASE}/activities/:activityId`, route(send));

  server.put(`${BASE}/activities/:activityId`, route(async (req, res) => {
    const conversation = await conversationFor(req, res);
    if (!conversation) return;
    const body = await parseBody(req, res, options.maxBotActivityBytes, botActivitySchema);
    if (!body.ok) return;
    if (body.value === undefined) return sendError(res, 400, 'missing_activity', 'The request body must be an activity.');
    const updated = await service.updateFromBot(conversation, routeParam(req, 'activityId'), body.value);
    if (!updated) return sendError(res, 404, 'activity_not_found', 'No such activity in this conversation.');
    res.send(200, { id: updated.id });
  }));

  server.del(`${BASE}/activities/:activityId`, route(async (req, res) => {
    const conversation = await conversationFor(req, res);
    if (!conversation) return;
    if (!(await store.records.remove(conversation.id, routeParam(req, 'activityId')))) {
      return sendError(res, 404, 'activity_not_found', 'No such activity in this conversation.');
    }
    res.send(200, {});
  }));

  const members = async (req: Request, res: Response): Promise<void> => {
    const conversation = await conversationFor(req, res);
    if (conversation) res.send(200, service.members(conversation));
  };
  server.get(`${BASE}/members`, route(members));
  server.get(`${BASE}/activities/:activityId/members`, route(members));
}
