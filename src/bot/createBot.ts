import type { ActivityHandler, ConversationState } from 'botbuilder';
import type { Knowledge } from '../knowledge/load';
import type { Contacts } from '../knowledge/schema';
import type { TriageEngine } from '../triage';
import type { BotLogger } from './botLogger';
import type { Dialogs } from '../dialogs/loadDialogs';
import type { BotServices } from './services';
import { SessionStore } from './sessionState';
import { withShortAnswerReadings } from './shortAnswerReadings';
import { StaffModePolicy } from './staffModePolicy';
import { TriageBot } from './triageBot';
import { Vocabulary } from '../dialogs/vocabulary';
import { Wording } from '../dialogs/wording';

/** Everything the bot is built from; `src/index.ts` makes these and passes them in. */
export interface BotDeps {
  /** `createTriageEngine(knowledge)`. */
  readonly engine: TriageEngine;
  /** `loadKnowledge()`. */
  readonly knowledge: Knowledge;
  /** `loadDialogs(DEFAULT_DIALOGS_DIR, knowledge)`. */
  readonly dialogs: Dialogs;
  /** Where each conversation's dialog and case state is kept (MemoryStorage for now). */
  readonly conversationState: ConversationState;
  /** Emergency, poison-control and crisis numbers from settings. */
  readonly contacts: Contacts;
  /** A pino logger (or anything with debug/info/warn/error taking fields then a message). */
  readonly logger: BotLogger;
  /** Log the person's message text on each turn (LOG_PATIENT_TEXT=true). Default false. */
  readonly logPatientText?: boolean;
  /** Teams user ids (`from.id` or `from.aadObjectId`) allowed to use staff mode. */
  readonly staffUserIds?: readonly string[];
  /** True when no Bot Framework app id is set (the Emulator): staff mode is open to everyone except on web chat. */
  readonly localMode: boolean;
  /** The clock, for the summary's time; `() => new Date()` by default. */
  readonly now?: () => Date;
}

/** Builds the bot. The server runs `bot.run(context)` for each activity, with `createOnTurnError` on the adapter. */
export function createBot(deps: BotDeps): ActivityHandler {
  const services: BotServices = {
    engine: withShortAnswerReadings(deps.engine),
    knowledge: deps.knowledge,
    dialogs: deps.dialogs,
    vocabulary: new Vocabulary(deps.dialogs.commands, deps.knowledge.context.question_openers),
    wording: new Wording(deps.dialogs.messages, deps.contacts),
    sessions: new SessionStore(deps.conversationState),
    staffMode: new StaffModePolicy({ localMode: deps.localMode, staffUserIds: deps.staffUserIds ?? [] }),
    logger: deps.logger,
    logPatientText: deps.logPatientText ?? false,
    now: deps.now ?? (() => new Date()),
  };
  return new TriageBot(services, deps.conversationState);
}
