import type { IncomingMessage } from 'node:http';
import type { Server } from 'restify';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { errorCode } from '../logging';
import { parseWatermark, type ActivityChange } from './conversationRecords';
import type { Conversation, ConversationStore } from './conversationStore';
import { queryParam } from './http';
import { logIds } from './logger';
import type { ResolvedDirectLineOptions } from './options';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/?]+)\/stream(?:\?|$)/;
const HEARTBEAT_MS = 30_000;

/** A running WebSocket stream service; `close` ends every socket and detaches from the HTTP server. */
export interface StreamHandle {
  close(): Promise<void>;
}

/** One open socket: what it has been sent, and its queue of sends so they keep their order. */
interface Subscriber {
  readonly ws: WebSocket;
  readonly conversationId: string;
  sentSeq: number;
  queue: Promise<void>;
}

/**
 * Serves `streamUrl`: on upgrade of `/v3/directline/conversations/:id/stream?t=ticket` it redeems the
 * single-use ticket, sends the history after `watermark`, then pushes every new activity as
 * `{ activities: [activity], watermark }`, whichever instance stored it: the records tell every
 * instance of every change (LISTEN/NOTIFY on PostgreSQL), and each socket reads from the records what
 * it has not been sent yet. Restify must keep its default `handleUpgrades: false`.
 */
export function attachStream(server: Server, store: ConversationStore, options: ResolvedDirectLineOptions): StreamHandle {
  // The page only ever sends empty keep-alive frames.
  const httpServer = server.server;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const byConversation = new Map<string, Set<Subscriber>>();
  const alive = new WeakSet<WebSocket>();

  const push = (ws: WebSocket, payload: unknown): void => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  };
  const enqueue = (subscriber: Subscriber, work: () => Promise<void>): void => {
    subscriber.queue = subscriber.queue.then(work).catch((error: unknown) => {
      options.logger.error({ ...logIds(subscriber.conversationId), code: errorCode(error) }, 'stream_read_failed');
    });
  };
  // Everything after what this socket was sent: the backlog as one set, later activities one set each.
  const catchUp = (subscriber: Subscriber, asOneSet = false): void =>
    enqueue(subscriber, async () => {
      const page = await store.numberedSince(subscriber.conversationId, subscriber.sentSeq);
      if (page.length === 0) return;
      const last = page[page.length - 1]!.seq;
      if (asOneSet) push(subscriber.ws, { activities: page.map((e) => e.activity), watermark: String(last) });
      else for (const entry of page) push(subscriber.ws, { activities: [entry.activity], watermark: String(entry.seq) });
      subscriber.sentSeq = Math.max(subscriber.sentSeq, last);
    });
  const resend = (subscriber: Subscriber, seq: number): void =>
    enqueue(subscriber, async () => {
      const activity = await store.records.at(subscriber.conversationId, seq);
      if (activity) push(subscriber.ws, { activities: [activity], watermark: String(subscriber.sentSeq) });
    });

  const onChange = (change: ActivityChange | 'resume'): void => {
    if (change === 'resume') {
      for (const subscribers of byConversation.values()) for (const subscriber of subscribers) catchUp(subscriber);
      return;
    }
    for (const subscriber of byConversation.get(change.conversationId) ?? []) {
      if (change.kind === 'added') catchUp(subscriber);
      else resend(subscriber, change.seq);
    }
  };
  // Listening starts with the first socket, so opening the database never delays start-up.
  let listening: Promise<() => Promise<void>> | undefined;
  const listen = (): Promise<unknown> => {
    listening ??= store.records.onChange(onChange).catch((error: unknown) => {
      listening = undefined;
      throw error;
    });
    return listening;
  };

  const refuse = (socket: Duplex, status: string): void => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const accept = async (req: IncomingMessage, socket: Duplex, head: Buffer, conversationId: string | undefined): Promise<void> => {
    const ticket = queryParam(req.url, 't');
    let conversation: Conversation | undefined;
    try {
      conversation = ticket ? await store.redeemStreamTicket(ticket) : undefined;
      if (conversation && conversation.id === conversationId) await listen();
    } catch (error) {
      options.logger.error({ code: errorCode(error) }, 'stream_refused_storage');
      return refuse(socket, '503 Service Unavailable');
    }
    if (!conversation || conversation.id !== conversationId) return refuse(socket, '403 Forbidden');
    const subscribers = byConversation.get(conversation.id) ?? new Set<Subscriber>();
    if (subscribers.size >= options.maxStreamsPerConversation) return refuse(socket, '429 Too Many Requests');
    const id = conversation.id;
    await store.touch(conversation).catch(() => undefined);

    wss.handleUpgrade(req, socket, head, (ws) => {
      const subscriber: Subscriber = { ws, conversationId: id, sentSeq: parseWatermark(queryParam(req.url, 'watermark')), queue: Promise.resolve() };
      subscribers.add(subscriber);
      byConversation.set(id, subscribers);
      alive.add(ws);
      catchUp(subscriber, true);
      ws.on('pong', () => alive.add(ws));
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        subscribers.delete(subscriber);
        if (subscribers.size === 0) byConversation.delete(id);
      });
      options.logger.info(logIds(id), 'stream_opened');
    });
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const match = STREAM_PATH.exec(req.url ?? '');
    if (!match) {
      // Not ours: leave it to other upgrade listeners, or close it if there are none.
      // (restify re-emits upgrades on itself when its `handleUpgrades` is off, hence the second count.)
      if (httpServer.listenerCount('upgrade') <= 2 && server.listenerCount('upgrade') === 0) refuse(socket, '404 Not Found');
      return;
    }
    void accept(req, socket, head, safeDecode(match[1]!));
  };

  store.onRemoved((conversationId) => {
    for (const subscriber of byConversation.get(conversationId) ?? []) subscriber.ws.close(1000, 'conversation expired');
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
    close: async () => {
      clearInterval(heartbeat);
      httpServer.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      const stop = await listening?.catch(() => undefined);
      await stop?.().catch(() => undefined);
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
