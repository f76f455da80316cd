import { auditMiddleware, forgetMe, MemoryAuditStore, scheduleRetention, SqlAuditStore, type AuditStore } from './audit';
import { MemoryConversationRecords, SqlConversationRecords } from './directline';
import { createBot, createOnTurnError, errorMessage } from './bot';
import { DEFAULT_CONTENT_DIRS, defaultContentCache, loadContent, type ContentCache } from './content';
import { normalizePhrase } from './dialogs/phraseSet';
import { contactsOf, loadSettings, type Settings } from './config';
import { createLogger, errorCode, routeConsoleToLogger, type Logger } from './logging';
import { renderCallScript } from './script';
import { callScript, createAdapter, createServer, handleShutdownSignals, webChat, type BotServer } from './server';
import { createStorage, type StorageRuntime } from './storage';
import { ContentError, createTriageEngine, fillPlaceholders } from './triage';

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
  /** Opens on first use; `main` opens it right after listening. Closed with the server. */
  readonly storage: StorageRuntime;
  readonly audit: AuditStore;
}

/**
 * Build the whole bot from settings: knowledge, engine, dialogs, state, bot, adapter, server.
 * Throws `ContentError` (every problem with its file and path) when the content cannot be used.
 */
export function buildApp(settings: Settings, logger: Logger, options: AppOptions = {}): App {
  const now = options.now ?? (() => new Date());
  const contacts = contactsOf(settings);
  const { knowledge, dialogs, cache } = loadContent(
    { knowledgeDir: options.knowledgeDir ?? DEFAULT_CONTENT_DIRS.knowledgeDir, dialogsDir: options.dialogsDir ?? DEFAULT_CONTENT_DIRS.dialogsDir },
    options.contentCache,
  );
  logger.debug({ cache }, 'content_loaded');
  const engine = createTriageEngine(knowledge);

  const storageLogger = logger.child({ component: 'storage' });
  const storage = createStorage(settings.storage, storageLogger, { conversationTtlMs: settings.conversationTtlHours * HOUR_MS, clock: () => now().getTime() });
  const audit: AuditStore = storage.database ? new SqlAuditStore(storage.database) : new MemoryAuditStore();
  const directLineRecords = storage.database ? new SqlConversationRecords(storage.database) : new MemoryConversationRecords();
  const conversationState = storage.conversationState;
  const botLogger = logger.child({ component: 'bot' });
  const bot = createBot({
    engine,
    knowledge,
    dialogs,
    conversationState,
    contacts,
    logger: botLogger,
    logPatientText: settings.logPatientText,
    staffUserIds: settings.staffUserIds,
    localMode: settings.mode === 'local',
    now,
  });

  const adapter = createAdapter(settings);
  adapter.onTurnError = createOnTurnError({ conversationState, logger: botLogger, contacts, dialogs });
  adapter.use(auditMiddleware({ store: audit, conversationState, logPatientText: settings.logPatientText, logger: botLogger, now }));

  const forgetPhrases = new Set((dialogs.commands.commands.forget_me ?? []).map(normalizePhrase));
  const forgotten = dialogs.messages.messages.forgotten;
  const turns = storage.serialise(
    forgetMe(bot, {
      isCommand: (text) => forgetPhrases.has(normalizePhrase(text)),
      reply: (voice) => fillPlaceholders(forgotten[voice], contacts),
      conversationState,
      audit,
      forgetTranscript: async (conversationId) => {
        await directLineRecords.forgetActivities(conversationId);
      },
      logger: botLogger,
    }),
  );
  const retention = scheduleRetention({
    audit,
    conversations: storage,
    auditRetentionDays: settings.auditRetentionDays,
    conversationTtlHours: settings.conversationTtlHours,
    now,
    logger: storageLogger,
  });

  const server = createServer({
    adapter,
    bot: turns,
    logger,
    health: { contentVersion: knowledge.version, dialogsVersion: dialogs.version, mode: settings.mode, storage: () => storage.probe() },
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
  return { server, contentVersion: knowledge.version, storage, audit };
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
  // The embedded database takes about a second to open (several the first time): after listening,
  // so /healthz answers at once and /readyz turns ready when it is open.
  void app.storage.open();
  handleShutdownSignals(() => app.server.close(), logger);
  logger.info({ port, host: settings.host, mode: settings.mode, contentVersion: app.contentVersion, storage: app.storage.kind }, 'listening');
  const base = `http://localhost:${port}`;
  const auth = settings.mode === 'local' ? 'local mode, no app id or password' : `azure mode, app id ${settings.azure?.appId ?? ''}`;
  process.stdout.write(`Baclofen triage bot ready (${auth}). Emulator: ${base}/api/messages · Web chat: ${base}/ · Ctrl+C stops.\n`);
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (require.main === module) void main();
