import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Mode } from '../config';
import { errorCode, hashId } from '../logging';
import { checkInboundActivity } from './activityShape';
import { InFlight } from './inFlight';

/** What runs a turn: `CloudAdapter` in production. */
export interface TurnProcessor {
  process(req: restify.Request, res: restify.Response, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** The bot: an `ActivityHandler` in production. */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

/** What `GET /healthz` reports besides status and uptime. */
export interface HealthInfo {
  /** The knowledge version, as in every disposition's `channelData.triage.contentVersion`. */
  readonly contentVersion: string;
  /** The dialog files' versions, e.g. `commands@1 messages@1 routes@1 triage@2`. */
  readonly dialogsVersion?: string;
  readonly mode: Mode;
}

/** Given to each extension so it can find the bot and report its own work. */
export interface ExtensionContext {
  readonly logger: Logger;
  /** This server's base URL as seen from the same machine, e.g. `http://127.0.0.1:3978`; valid after listen. */
  readonly baseUrl: () => string;
  /** The bot's messages endpoint on this server; valid after listen. */
  readonly messagesUrl: () => string;
}

/** Something an extension must stop on shutdown (timers, WebSockets). */
export interface Closable {
  close(): Promise<void> | void;
}

/**
 * Extra routes (Direct Line, the web chat page, `/script`). Registered in order, after the core
 * routes; `register` may return something to close on shutdown.
 */
export interface ServerExtension {
  readonly name: string;
  register(server: restify.Server, context: ExtensionContext): Closable | void;
}

export interface ServerDeps {
  readonly adapter: TurnProcessor;
  readonly bot: TurnHandler;
  readonly logger: Logger;
  readonly health: HealthInfo;
  /** Largest request body `/api/messages` accepts; larger gets 413. */
  readonly bodyLimitBytes: number;
  readonly extensions?: readonly ServerExtension[];
  /** How long a shutdown waits for turns in flight (default 10 s). */
  readonly shutdownTimeoutMs?: number;
  /** Milliseconds clock, injected so tests control uptime. */
  readonly clock?: () => number;
}

/** How a shutdown went. */
export interface ShutdownReport {
  /** True when every turn in flight finished before the timeout. */
  readonly drained: boolean;
  /** Turns still running when the timeout ended the wait. */
  readonly abandoned: number;
}

export interface BotServer {
  readonly server: restify.Server;
  /** Turns running now. */
  readonly inFlight: number;
  /** Start listening; resolves with the bound port (useful with port 0). */
  listen(port: number, host?: string): Promise<{ readonly port: number }>;
  /** Stop accepting, let turns in flight finish (up to the timeout), close extensions and sockets. */
  close(): Promise<ShutdownReport>;
}

const MESSAGES_PATH = '/api/messages';

/**
 * The HTTP server: `POST /api/messages` through the adapter, `GET /healthz`, plus extensions.
 * Builds and wires only; it does not listen until `listen` is called.
 */
export function createServer(deps: ServerDeps): BotServer {
  const clock = deps.clock ?? Date.now;
  const startedAt = clock();
  const logger = deps.logger.child({ component: 'server' });
  const inFlight = new InFlight();
  const closables: Closable[] = [];
  let port: number | undefined;
  let stopping = false;
  let closing: Promise<ShutdownReport> | undefined;

  const server = restify.createServer({ name: 'baclofen-triage-bot', handleUncaughtExceptions: false });
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: RestifyError, callback: () => void) => {
    rewordClientError(err, deps.bodyLimitBytes);
    logger.warn({ route: req.getRoute()?.path, status: err.statusCode, code: errorCode(err) }, 'request_refused');
    callback();
  });

  const baseUrl = (): string => {
    if (port === undefined) throw new Error('createServer: baseUrl() was called before listen(); call it per request.');
    return `http://127.0.0.1:${port}`;
  };

  server.post(
    MESSAGES_PATH,
    restify.plugins.bodyParser({ maxBodySize: deps.bodyLimitBytes, mapParams: false, rejectUnknown: true }),
    async (req: restify.Request, res: restify.Response) => {
      const started = clock();
      if (stopping) {
        res.header('Connection', 'close');
        res.header('Retry-After', '5');
        res.send(503, { error: { code: 'shutting_down', message: 'The bot is restarting; try again in a few seconds.' } });
        return;
      }
      const check = checkInboundActivity(req.body);
      if (!check.ok) {
        logger.warn({ code: 'invalid_activity', missing: check.missing }, 'request_refused');
        res.send(400, { error: { code: 'invalid_activity', message: `The activity is missing or has invalid fields: ${check.missing.join(', ')}.` } });
        return;
      }
      const fields = { conversation: hashId(check.activity.conversation.id), channel: check.activity.channelId, activityType: check.activity.type };
      try {
        await inFlight.track(deps.adapter.process(req, res, (context) => deps.bot.run(context)));
        // The bot logs the turn itself (its 'turn' line); this is only the HTTP side.
        logger.info({ status: res.statusCode, ms: clock() - started }, 'request');
      } catch (error) {
        // The activity was valid (checked above), so a throw here is the bot's failure, not the sender's.
        logger.error({ ...fields, code: errorCode(error), ms: clock() - started }, 'turn_failed');
        if (!res.headersSent) res.send(500, { error: { code: 'turn_failed', message: 'The bot could not handle this activity; try again.' } });
      }
    },
  );

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    const uptimeSeconds = Math.floor((clock() - startedAt) / 1000);
    res.header('Cache-Control', 'no-store');
    res.send(stopping ? 503 : 200, {
      status: stopping ? 'stopping' : 'ok',
      contentVersion: deps.health.contentVersion,
      ...(deps.health.dialogsVersion !== undefined ? { dialogsVersion: deps.health.dialogsVersion } : {}),
      uptimeSeconds,
      mode: deps.health.mode,
    });
  });

  const context: ExtensionContext = {
    logger: deps.logger,
    baseUrl,
    messagesUrl: () => `${baseUrl()}${MESSAGES_PATH}`,
  };
  for (const extension of deps.extensions ?? []) {
    const closable = extension.register(server, context);
    if (closable) closables.push(closable);
    logger.debug({ extension: extension.name }, 'extension_registered');
  }

  const close = async (): Promise<ShutdownReport> => {
    stopping = true;
    const http = server.server;
    const closed = new Promise<void>((resolve) => {
      if (!http.listening) resolve();
      else http.close(() => resolve());
    });
    http.closeIdleConnections();
    const unsubscribe = inFlight.onSettle(() => http.closeIdleConnections());
    const waiting = inFlight.size;
    if (waiting > 0) logger.info({ inFlight: waiting }, 'shutdown_waiting_for_turns');
    const drained = await inFlight.drain(deps.shutdownTimeoutMs ?? 10_000);
    unsubscribe();
    const abandoned = inFlight.size;
    for (const closable of closables) {
      try {
        await closable.close();
      } catch (error) {
        logger.error({ code: errorCode(error) }, 'extension_close_failed');
      }
    }
    http.closeAllConnections();
    await closed;
    logger.info({ drained, abandoned }, 'shutdown_complete');
    return { drained, abandoned };
  };

  return {
    server,
    get inFlight() {
      return inFlight.size;
    },
    listen: (listenPort, host) =>
      new Promise((resolve, reject) => {
        server.server.once('error', reject);
        const done = (): void => {
          server.server.off('error', reject);
          port = (server.address() as AddressInfo).port;
          resolve({ port });
        };
        if (host === undefined) server.listen(listenPort, done);
        else server.listen(listenPort, host, done);
      }),
    close: () => (closing ??= close()),
  };
}

/** The parts of a restify error we read or reword. */
interface RestifyError extends Error {
  statusCode?: number;
  code?: string;
  toJSON?: () => unknown;
}

/**
 * Replace the body-parser messages, which quote the request body (and so possibly a person's
 * words), with plain ones.
 */
function rewordClientError(err: RestifyError, bodyLimitBytes: number): void {
  const status = err.statusCode ?? 500;
  const message =
    status === 413
      ? `The request body is larger than ${bodyLimitBytes} bytes.`
      : status === 415
        ? 'The request body must be JSON: send it with Content-Type: application/json.'
        : status === 400
          ? 'The request body is not valid JSON.'
          : undefined;
  if (message === undefined) return;
  const code = status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_json';
  err.toJSON = () => ({ error: { code, message } });
}
