import type { AuditStore } from './audit/auditEvent';
import { auditMiddleware } from './audit/auditMiddleware';
import { forgetMe } from './audit/forgetMe';
import { createBot, createOnTurnError } from './bot';
import type { Settings } from './config';
import type { ConversationRecords } from './directline';
import type { Dialogs } from './dialogs/loadDialogs';
import { normalizePhrase } from './dialogs/phraseSet';
import type { Knowledge } from './knowledge/load';
import type { Logger } from './logging';
import { createAdapter } from './server/adapter';
import type { TurnHandler, TurnProcessor } from './server/createServer';
import type { StorageRuntime } from './storage';
import { VersionedConversationState } from './storage/versionedConversationState';
import { createTriageEngine, fillPlaceholders, type Contacts } from './triage';

/** What the turn pipeline is built from: the loaded content and the parts `buildApp` made before listening. */
export interface BotTurnsDeps {
  readonly settings: Settings;
  readonly contacts: Contacts;
  readonly knowledge: Knowledge;
  readonly dialogs: Dialogs;
  readonly storage: StorageRuntime;
  readonly audit: AuditStore;
  readonly directLineRecords: ConversationRecords;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** The adapter and the bot behind it: everything a turn runs through. */
export interface BotTurns {
  readonly adapter: TurnProcessor;
  readonly bot: TurnHandler;
}

/**
 * Engine, state, bot, adapter, audit trail and "forget me", wired. Everything botbuilder lives
 * behind this module, so `src/index.ts` can load it after the server answers health checks.
 */
export function wireBotTurns(deps: BotTurnsDeps): BotTurns {
  const { settings, contacts, knowledge, dialogs, storage, audit, now } = deps;
  const engine = createTriageEngine(knowledge);
  const conversationState = new VersionedConversationState(storage.stateStorage);
  const botLogger = deps.logger.child({ component: 'bot' });
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
        await deps.directLineRecords.forgetActivities(conversationId);
      },
      logger: botLogger,
    }),
  );
  return { adapter, bot: turns };
}
