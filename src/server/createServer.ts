import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { CALLER_ON_THIS_MACHINE } from '../bot/staffModePolicy';
import type { Mode } from '../config';
import { isLoopbackAddress } from '../directline/clientAddress';
import { errorCode, hashId } from '../logging';
import { checkInboundActivity } from './activityShape';
import type { TurnResult } from './adapter';
import { Drain } from './drain';
import { InFlight } from './inFlight';
import type { TurnsStatus } from './lateTurns';
import { readJsonBody } from './jsonBody';

/** What runs a turn: `BotAdapter` in production. */
export interface TurnProcessor {
  processTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<TurnResult>;
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
  /** Also decides where replies may go: in local mode only to a `serviceUrl` on this machine. */
  readonly mode: Mode;
  /**
   * Asks the storage's database, briefly: `/healthz` reports it, `/readyz` fails while it does not
   * answer. Without it neither mentions storage.
   */
  readonly storage?: () => Promise<{ readonly storage: string; readonly database: string }>;
  /**
   * Whether the bot can run turns yet (it is built after the server listens): `/healthz` reports it as
   * `bot`, `/readyz` fails until it is `ready`. Without it the bot is taken as ready.
   */
  readonly turns?: () => TurnsStatus;
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
  /**
   * What a person is told when their turn cannot finish before shutdown: must say how to reach
   * emergency help (the bot's `error` message).
   */
  readonly failSafeText: string;
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
  /** Turns still running when the timeout ended the wait; each got the fail-safe message where it could. */
  readonly abandoned: number;
}

export interface BotServer {
  readonly server: restify.Server;
  /** Turns running now. */
  readonly inFlight: number;
  /** Start listening; resolves with the bound port (useful with port 0). */
  listen(port: number, host?: string): Promise<{ readonly port: number }>;
  /** Drain (503 to new requests, turns in flight finish or get the fail-safe message), then close. */
  close(): Promise<ShutdownReport>;
}

const MESSAGES_PATH = '/api/messages';
const RETRY_AFTER_SECONDS = '5';

/**
 * The HTTP server: `POST /api/messages` through the adapter, `GET /healthz`, plus extensions.
 * Builds and wires only; it does not listen until `listen` is called.
 */
export function createServer(deps: ServerDeps): BotServer {
  const clock = deps.clock ?? Date.now;
  const startedAt = clock();
  const logger = deps.logger.child({ component: 'server' });
  const inFlight = new InFlight();
  const drain = new Drain({ failSafeText: deps.failSafeText, logger, retryAfterSeconds: RETRY_AFTER_SECONDS });
  const closables: Closable[] = [];
  const serviceUrlPolicy = deps.health.mode === 'local' ? 'loopback_only' : 'any_http';
  let port: number | undefined;
  let closing: Promise<ShutdownReport> | undefined;

  const server = restify.createServer({ name: 'baclofen-triage-bot', handleUncaughtExceptions: false });
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: RestifyError, callback: () => void) => {
    rewordServerError(err);
    logger.warn({ route: req.getRoute()?.path, status: err.statusCode, code: errorCode(err) }, 'request_refused');
    callback();
  });
  // Runs when a request's headers have arrived, before its body is read: a drain can answer uploads still in progress.
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    drain.watch(res);
    if (!drain.refuses(req.getPath())) return next();
    drain.refuse(res);
    return next(false);
  });

  const baseUrl = (): string => {
    if (port === undefined) throw new Error('createServer: baseUrl() was called before listen(); call it per request.');
    return `http://127.0.0.1:${port}`;
  };

  server.post(MESSAGES_PATH, async (req: restify.Request, res: restify.Response) => {
    const started = clock();
    const body = await readJsonBody(req, deps.bodyLimitBytes);
    if (res.headersSent) return; // answered by the drain while the body was still arriving
    if (drain.active) return drain.refuse(res);
    if (!body.ok) {
      if (body.status === 499) return; // the client went away mid-upload: nobody to answer
      logger.warn({ route: MESSAGES_PATH, status: body.status, code: body.code }, 'request_refused');
      res.send(body.status, { error: { code: body.code, message: bodyErrorMessage(body.status, deps.bodyLimitBytes) } });
      return;
    }
    const check = checkInboundActivity(body.value, serviceUrlPolicy);
    if (!check.ok) {
      logger.warn({ code: check.code, ...(check.code === 'invalid_activity' ? { missing: check.missing } : {}) }, 'request_refused');
      if (check.code === 'service_url_not_allowed') {
        res.send(400, {
          error: { code: check.code, message: 'In local mode the bot replies only to a serviceUrl on this machine (http://localhost or 127.0.0.1).' },
        });
      } else {
        res.send(400, { error: { code: check.code, message: `The activity is missing or has invalid fields: ${check.missing.join(', ')}.` } });
      }
      return;
    }
    const activity = check.activity;
    // Hashed only when a line is written: at the default level a turn that goes well logs nothing here.
    const fields = () => ({ conversation: hashId(activity.conversation.id), channel: activity.channelId, activityType: activity.type });
    const callerOnThisMachine = isLoopbackAddress(req.socket.remoteAddress);
    const turn = drain.begin(activity, res);
    try {
      const result = await inFlight.track(
        deps.adapter.processTurn(headerOf(req, 'authorization'), activity, (context) => {
          turn.context = context;
          context.turnState.set(CALLER_ON_THIS_MACHINE, callerOnThisMachine);
          return deps.bot.run(context);
        }),
      );
      if (turn.answered) return;
      if (!result.ok) {
        logger.warn({ ...fields(), status: result.status, code: result.status === 503 ? errorCode(result.cause) : result.code }, 'request_refused');
        if (result.status === 503) res.header('Retry-After', RETRY_AFTER_SECONDS);
        res.send(result.status, {
          error:
            result.status === 401
              ? { code: result.code, message: 'A valid Bot Framework token is required.' }
              : { code: result.code, message: 'The token could not be checked just now; try again shortly.' },
        });
        return;
      }
      if (drain.active) res.header('Connection', 'close');
      if (result.body === undefined) res.send(result.status);
      else res.send(result.status, result.body);
      if (logger.isLevelEnabled('debug')) logger.debug({ ...fields(), status: result.status, ms: clock() - started }, 'request');
    } catch (error) {
      // The activity was valid (checked above), so a throw here is the bot's failure, not the sender's.
      logger.error({ ...fields(), code: errorCode(error), ms: clock() - started }, 'turn_failed');
      if (!res.headersSent && !turn.answered) res.send(500, { error: { code: 'turn_failed', message: 'The bot could not handle this activity; try again.' } });
    } finally {
      drain.end(turn);
    }
  });

  const storageHealth = async (): Promise<{ readonly storage?: string; readonly database?: string }> => (deps.health.storage ? deps.health.storage() : {});

  // Liveness: the bot answers (the triage works without its database), so 200 unless stopping.
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    const uptimeSeconds = Math.floor((clock() - startedAt) / 1000);
    const storage = await storageHealth();
    res.header('Cache-Control', 'no-store');
    if (drain.active) {
      res.header('Retry-After', RETRY_AFTER_SECONDS);
      res.header('Connection', 'close');
    }
    res.send(drain.active ? 503 : 200, {
      status: drain.active ? 'draining' : 'ok',
      contentVersion: deps.health.contentVersion,
      ...(deps.health.dialogsVersion !== undefined ? { dialogsVersion: deps.health.dialogsVersion } : {}),
      uptimeSeconds,
      mode: deps.health.mode,
      ...storage,
      ...(deps.health.turns ? { bot: deps.health.turns() } : {}),
    });
  });

  // Readiness: a balancer sends traffic only once the bot can run turns and while the database answers (and not while stopping).
  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const storage = await storageHealth();
    const bot = deps.health.turns?.();
    const ready = !drain.active && (bot === undefined || bot === 'ready') && (storage.database === undefined || storage.database === 'ok' || storage.database === 'none');
    res.header('Cache-Control', 'no-store');
    res.send(ready ? 200 : 503, { status: drain.active ? 'draining' : ready ? 'ready' : 'not_ready', ...storage, ...(bot === undefined ? {} : { bot }) });
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
    // Keep-alive connections stay open (closing one under a client about to reuse it fails that request);
    // every answer during the drain says Connection: close instead.
    drain.start();
    const http = server.server;
    const waiting = inFlight.size;
    if (waiting > 0) logger.info({ inFlight: waiting }, 'shutdown_waiting_for_turns');
    const drained = await inFlight.drain(deps.shutdownTimeoutMs ?? 10_000);
    const abandoned = inFlight.size;
    await drain.answerTurnsLeft();
    drain.answerRequestsLeft();
    for (const closable of closables) {
      try {
        await closable.close();
      } catch (error) {
        logger.error({ code: errorCode(error) }, 'extension_close_failed');
      }
    }
    const closed = new Promise<void>((resolve) => {
      if (!http.listening) resolve();
      else http.close(() => resolve());
    });
    // Let the answers just written reach their clients before the sockets go.
    await new Promise((resolve) => setImmediate(resolve));
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

function headerOf(req: restify.Request, name: string): string {
  const value = req.headers[name];
  return typeof value === 'string' ? value : '';
}

/** The parts of a restify error we read or reword. */
interface RestifyError extends Error {
  statusCode?: number;
  code?: string;
  toJSON?: () => unknown;
}

/** What a sender is told about a body the bot could not read; never a quote of the body. */
function bodyErrorMessage(status: 400 | 413 | 415, bodyLimitBytes: number): string {
  if (status === 413) return `The request body is larger than ${bodyLimitBytes} bytes.`;
  if (status === 415) return 'The request body must be JSON: send it with Content-Type: application/json.';
  return 'The request body is not valid JSON.';
}

/**
 * Errors restify answers itself (404, 405, a plugin's 500) carry its own message text; give the 5xx
 * ones a plain body instead.
 */
function rewordServerError(err: RestifyError): void {
  if ((err.statusCode ?? 500) >= 500) err.toJSON = () => ({ error: { code: 'internal_error', message: 'Something went wrong; try again.' } });
}
