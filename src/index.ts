import { ConversationState, MemoryStorage } from 'botbuilder';
import { createBot, createOnTurnError, DEFAULT_DIALOGS_DIR, errorMessage, loadDialogs } from './bot';
import { contactsOf, loadSettings, type Settings } from './config';
import { createLogger, errorCode, routeConsoleToLogger, type Logger } from './logging';
import { renderCallScript } from './script';
import { callScript, createAdapter, createServer, handleShutdownSignals, webChat, type BotServer } from './server';
import { ContentError, createTriageEngine, DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from './triage';

/** Where content comes from and what time it is; tests may point at other folders. */
export interface AppOptions {
  readonly knowledgeDir?: string;
  readonly dialogsDir?: string;
  readonly now?: () => Date;
}

/** The wired bot, not yet listening. */
export interface App {
  readonly server: BotServer;
  readonly contentVersion: string;
}

/**
 * Build the whole bot from settings: knowledge, engine, dialogs, state, bot, adapter, server.
 * Throws `ContentError` (every problem with its file and path) when the content cannot be used.
 */
export function buildApp(settings: Settings, logger: Logger, options: AppOptions = {}): App {
  const now = options.now ?? (() => new Date());
  const contacts = contactsOf(settings);
  const knowledge = loadKnowledge(options.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR);
  const dialogs = loadDialogs(options.dialogsDir ?? DEFAULT_DIALOGS_DIR, knowledge);
  const engine = createTriageEngine(knowledge);

  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
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

  const server = createServer({
    adapter,
    bot,
    logger,
    health: { contentVersion: knowledge.version, dialogsVersion: dialogs.version, mode: settings.mode },
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
        ...(settings.directLineSecret ? { directLineSecret: settings.directLineSecret } : {}),
      }),
      callScript(renderCallScript(knowledge, dialogs, contacts, now())),
    ],
  });
  return { server, contentVersion: knowledge.version };
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
    app = buildApp(settings, logger);
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
  handleShutdownSignals(() => app.server.close(), logger);
  logger.info({ port, host: settings.host, mode: settings.mode, contentVersion: app.contentVersion }, 'listening');
  const base = `http://localhost:${port}`;
  const auth = settings.mode === 'local' ? 'local mode, no app id or password' : `azure mode, app id ${settings.azure?.appId ?? ''}`;
  process.stdout.write(`Baclofen triage bot ready (${auth}). Emulator: ${base}/api/messages · Web chat: ${base}/ · Ctrl+C stops.\n`);
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (require.main === module) void main();
