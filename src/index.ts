import type { AuditStore } from './audit/auditEvent';
import { MemoryAuditStore } from './audit/memoryAuditStore';
import { scheduleRetention } from './audit/retention';
import { SqlAuditStore } from './audit/sqlAuditStore';
import type { BotTurns } from './botTurns';
import { errorMessage } from './bot/errorMessage';
import { contactsOf, loadSettings, type Settings } from './config';
import { DEFAULT_CONTENT_DIRS, defaultContentCache, loadContent, type ContentCache } from './content';
import { MemoryConversationRecords } from './directline/memoryRecords';
import { SqlConversationRecords } from './directline/sqlRecords';
import { ContentError } from './knowledge/contentError';
import { createLogger, errorCode, routeConsoleToLogger, type Logger } from './logging';
import { renderCallScript } from './script/callScript';
import { createServer, type BotServer } from './server/createServer';
import { callScript, webChat } from './server/extensions';
import { LateTurns } from './server/lateTurns';
import { handleShutdownSignals } from './server/signals';
import { createStorage, type StorageRuntime } from './storage/createStorage';

const HOUR_MS = 3_600_000;

/** Where content comes from and what time it is; tests may point at other folders. */
export interface AppOptions {
  readonly knowledgeDir?: string;
  readonly dialogsDir?: string;
  readonly now?: () => Date;
  /** Keeps the validated content between starts (`npm start` uses `defaultContentCache()`); without it every file is parsed. */
  readonly contentCache?: ContentCache;
}

/** The wired bot, not yet listening. */
export interface App {
  readonly server: BotServer;
  readonly contentVersion: string;
  /** Opens on first use or on `start()`. Closed with the server. */
  readonly storage: StorageRuntime;
  readonly audit: AuditStore;
  /**
   * Builds the bot (botbuilder, engine, adapter) and opens storage now rather than on the first turn;
   * `main` calls it right after listening. Rejects only when the bot could not be built (a bug).
   */
  start(): Promise<void>;
}

/**
 * Build the whole bot from settings: content, storage, server, and the turn pipeline (engine, bot,
 * adapter), which is built by `start()` or the first turn. Throws `ContentError` (every problem with
 * its file and path) when the content cannot be used.
 */
export function buildApp(settings: Settings, logger: Logger, options: AppOptions = {}): App {
  const now = options.now ?? (() => new Date());
  const contacts = contactsOf(settings);
  const { knowledge, dialogs, cache } = loadContent(
    { knowledgeDir: options.knowledgeDir ?? DEFAULT_CONTENT_DIRS.knowledgeDir, dialogsDir: options.dialogsDir ?? DEFAULT_CONTENT_DIRS.dialogsDir },
    options.contentCache,
  );
  logger.debug({ cache }, 'content_loaded');

  const storageLogger = logger.child({ component: 'storage' });
  const storage = createStorage(settings.storage, storageLogger, { conversationTtlMs: settings.conversationTtlHours * HOUR_MS, clock: () => now().getTime() });
  const audit: AuditStore = storage.database ? new SqlAuditStore(storage.database) : new MemoryAuditStore();
  const directLineRecords = storage.database ? new SqlConversationRecords(storage.database) : new MemoryConversationRecords();
  const turns = new LateTurns(async (): Promise<BotTurns> => {
    // Loading botbuilder and the bot is most of a start's work, so it comes after listening, in steps
    // with a pause between them long enough to accept, read and answer a request that came meanwhile:
    // a health check waits for one step at most.
    await breathe();
    await import('./server/adapter');
    await breathe();
    await import('./bot');
    await breathe();
    const { wireBotTurns } = await import('./botTurns');
    await breathe();
    return wireBotTurns({ settings, contacts, knowledge, dialogs, storage, audit, directLineRecords, logger, now });
  });
  const retention = scheduleRetention({
    audit,
    conversations: storage,
    auditRetentionDays: settings.auditRetentionDays,
    conversationTtlHours: settings.conversationTtlHours,
    now,
    logger: storageLogger,
  });

  const server = createServer({
    adapter: turns,
    bot: turns,
    logger,
    health: { contentVersion: knowledge.version, dialogsVersion: dialogs.version, mode: settings.mode, storage: () => storage.probe(), turns: () => turns.status },
    bodyLimitBytes: settings.bodyLimitBytes,
    failSafeText: errorMessage(dialogs, contacts),
    shutdownTimeoutMs: settings.shutdownDrainMs,
    extensions: [
      webChat({
        contacts,
        dialogs,
        mode: settings.mode,
        limits: settings.conversationLimits,
        trustProxy: settings.trustProxy,
        records: directLineRecords,
        ...(settings.directLineTokenSecret ? { tokenSecret: settings.directLineTokenSecret } : {}),
        ...(settings.directLineSecret ? { directLineSecret: settings.directLineSecret } : {}),
      }),
      callScript(() => renderCallScript(knowledge, dialogs, contacts, now())),
      // Last, so turns still draining can save their state before the database closes.
      { name: 'storage', register: () => ({ close: async () => { retention.close(); await storage.close(); } }) },
    ],
  });
  return {
    server,
    contentVersion: knowledge.version,
    storage,
    audit,
    start: async () => {
      await Promise.all([storage.open(), turns.start()]);
    },
  };
}

/** `npm start`: settings, then the app, then listen; one friendly line when ready. */
export async function main(): Promise<void> {
  const loaded = loadSettings();
  if (!loaded.result.ok) return fail(loaded.result.error.message);
  const settings = loaded.result.settings;
  const logger = createLogger({ level: settings.logLevel, logPatientText: settings.logPatientText });
  // Libraries print errors with console.error (stacks, request details); logs are JSON lines of ids and codes only.
  routeConsoleToLogger(logger);
  for (const name of loaded.unknownInEnvFile) logger.warn({ name }, 'unknown_name_in_env_file');

  let app: App;
  try {
    app = buildApp(settings, logger, { contentCache: defaultContentCache() });
  } catch (error) {
    if (error instanceof ContentError) return fail(error.message);
    throw error;
  }

  let port: number;
  try {
    ({ port } = await app.server.listen(settings.port, settings.host));
  } catch (error) {
    const inUse = (error as { code?: unknown }).code === 'EADDRINUSE';
    return fail(
      inUse
        ? `Port ${settings.port} is already in use: stop the other program or set PORT to a free port.`
        : `Could not listen on ${settings.host} port ${settings.port} (${errorCode(error)}): check HOST and PORT.`,
    );
  }
  // The embedded database takes about a second to open (several the first time) and botbuilder about as
  // long to load: both after listening, so /healthz answers at once and /readyz turns ready when they are done.
  app.start().catch((error: unknown) => {
    logger.fatal({ code: errorCode(error) }, 'bot_build_failed');
    process.exit(1);
  });
  handleShutdownSignals(() => app.server.close(), logger);
  logger.info({ port, host: settings.host, mode: settings.mode, contentVersion: app.contentVersion, storage: app.storage.kind }, 'listening');
  const base = `http://localhost:${port}`;
  const auth = settings.mode === 'local' ? 'local mode, no app id or password' : `azure mode, app id ${settings.azure?.appId ?? ''}`;
  process.stdout.write(`Baclofen triage bot ready (${auth}). Emulator: ${base}/api/messages · Web chat: ${base}/ · Ctrl+C stops.\n`);
}

/**
 * A few milliseconds with nothing to run: a request needs several turns of the event loop (accept,
 * read, answer), which `setImmediate` alone would give to the next step instead.
 */
function breathe(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10));
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (require.main === module) void main();
