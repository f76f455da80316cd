import type { IncomingMessage } from 'node:http';
import type { Server } from 'restify';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { ConversationStore } from './conversationStore';
import { queryParam } from './http';
import { logIds } from './logger';
import type { ResolvedDirectLineOptions } from './options';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/?]+)\/stream(?:\?|$)/;
const HEARTBEAT_MS = 30_000;

/** A running WebSocket stream service; `close` ends every socket and detaches from the HTTP server. */
export interface StreamHandle {
  close(): void;
}

/**
 * Serves `streamUrl`: on upgrade of `/v3/directline/conversations/:id/stream?t=ticket` it redeems the
 * single-use ticket, sends the history after `watermark`, then pushes every new activity as
 * `{ activities: [activity], watermark }`. Restify must keep its default `handleUpgrades: false`.
 */
export function attachStream(server: Server, store: ConversationStore, options: ResolvedDirectLineOptions): StreamHandle {
  // The page only ever sends empty keep-alive frames.
  const httpServer = server.server;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const socketsByConversation = new Map<string, Set<WebSocket>>();
  const alive = new WeakSet<WebSocket>();

  const refuse = (socket: Duplex, status: string): void => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const match = STREAM_PATH.exec(req.url ?? '');
    if (!match) {
      // Not ours: leave it to other upgrade listeners, or close it if there are none.
      // (restify re-emits upgrades on itself when its `handleUpgrades` is off, hence the second count.)
      if (httpServer.listenerCount('upgrade') <= 2 && server.listenerCount('upgrade') === 0) refuse(socket, '404 Not Found');
      return;
    }
    const ticket = queryParam(req.url, 't');
    const conversation = ticket ? store.redeemStreamTicket(ticket) : undefined;
    if (!conversation || conversation.id !== safeDecode(match[1])) return refuse(socket, '403 Forbidden');
    const sockets = socketsByConversation.get(conversation.id) ?? new Set<WebSocket>();
    if (sockets.size >= options.maxStreamsPerConversation) return refuse(socket, '429 Too Many Requests');

    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      socketsByConversation.set(conversation.id, sockets);
      alive.add(ws);
      store.touch(conversation);
      const push = (payload: unknown): void => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
      };
      const backlog = conversation.history.since(queryParam(req.url, 'watermark'));
      if (backlog.activities.length > 0) push(backlog);
      const listener = (activity: unknown, watermark: string): void => push({ activities: [activity], watermark });
      conversation.listeners.add(listener);
      ws.on('pong', () => alive.add(ws));
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        conversation.listeners.delete(listener);
        sockets.delete(ws);
        if (sockets.size === 0) socketsByConversation.delete(conversation.id);
      });
      options.logger.info(logIds(conversation.id), 'stream_opened');
    });
  };

  store.onRemoved((conversationId) => {
    for (const ws of socketsByConversation.get(conversationId) ?? []) ws.close(1000, 'conversation expired');
  });

  // Pings find sockets whose peer vanished without a close frame, and keep proxies from idling them out.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  httpServer.on('upgrade', onUpgrade);
  return {
    close: () => {
      clearInterval(heartbeat);
      httpServer.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
