import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { registerDirectLine, registerDirectLineTokenEndpoint, type DirectLineOptions, type DirectLineService } from '../../../src/directline';
import { mountFakeBot, type ReceivedActivity } from './fakeBot';

/** A restify server with the embedded Direct Line, its token endpoint and the fake bot, on a free loopback port. */
export interface TestServer {
  baseUrl: string;
  server: restify.Server;
  directLine: DirectLineService;
  received: ReceivedActivity[];
  close(): Promise<void>;
}

/** Starts a {@link TestServer}; `extra` can register more routes (e.g. the Web Chat page) before listen. */
export async function startTestServer(
  options: Partial<DirectLineOptions> = {},
  extra?: (server: restify.Server) => void,
): Promise<TestServer> {
  const server = restify.createServer();
  let baseUrl = '';
  const directLine = registerDirectLine(server, {
    botEndpoint: () => `${baseUrl}/api/messages`,
    serviceUrl: () => baseUrl,
    ...options,
  });
  registerDirectLineTokenEndpoint(server, { directLine });
  const { received } = mountFakeBot(server);
  extra?.(server);
  const listening = await listenOnLoopback(server);
  baseUrl = listening.baseUrl;
  return {
    baseUrl,
    server,
    directLine,
    received,
    close: async () => {
      await directLine.close();
      await listening.close();
    },
  };
}

/** A server listening on this machine only: where to reach it, and how to stop it. */
export interface Listening {
  baseUrl: string;
  /** Drops open connections (kept-alive or streaming), then stops listening. */
  close(): Promise<void>;
}

/** Starts `server` on a free port of 127.0.0.1. */
export async function listenOnLoopback(server: restify.Server): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A JSON HTTP call against the test server. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}

/** Starts a conversation the way Web Chat does: token endpoint, then `POST /v3/directline/conversations`. */
export async function startConversation(
  baseUrl: string,
  userId = 'r_testuser',
): Promise<{ token: string; conversationId: string; streamUrl: string }> {
  const issued = await call(baseUrl, 'POST', '/api/directline/token');
  const started = await call(baseUrl, 'POST', '/v3/directline/conversations', {
    token: String(issued.body.token),
    body: { user: { id: userId }, locale: 'en-US' },
  });
  return {
    token: String(started.body.token),
    conversationId: String(started.body.conversationId),
    streamUrl: String(started.body.streamUrl),
  };
}

/** Activities of a conversation after a watermark. */
export async function activitiesSince(
  baseUrl: string,
  conversation: { token: string; conversationId: string },
  watermark = '',
): Promise<{ activities: Record<string, unknown>[]; watermark: string }> {
  const { body } = await call(
    baseUrl,
    'GET',
    `/v3/directline/conversations/${conversation.conversationId}/activities?watermark=${watermark}`,
    { token: conversation.token },
  );
  return body as unknown as { activities: Record<string, unknown>[]; watermark: string };
}
