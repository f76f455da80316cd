/**
 * The conversation: dialog trees kept as data in `dialogs/` (their model in `src/dialogs/`), run on
 * botbuilder-dialogs. Each message is read once into a `Turn` (`turnOf.ts`) that the interrupts,
 * routes, reply reading and steps share.
 *
 * Wiring (src/index.ts):
 *   const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, knowledge);        // throws ContentError naming file and path
 *   const bot = createBot({ engine, knowledge, dialogs, conversationState, contacts, logger, localMode });
 *   adapter.onTurnError = createOnTurnError({ conversationState, logger, contacts, dialogs });
 *   adapter.process(req, res, (context) => bot.run(context));
 */
export { createBot, type BotDeps } from './createBot';
export { createOnTurnError, type OnTurnErrorDeps } from './onTurnError';
export { errorMessage } from './errorMessage';
export { loadDialogs, parseDialogs, DEFAULT_DIALOGS_DIR, type Dialogs, type DialogSources } from '../dialogs/loadDialogs';
export { type BotLogger } from './botLogger';
export { type TriageChannelData } from './dispositionCard';
export { WEB_CHAT_JOIN_EVENT } from './triageBot';
export { CALLER_ON_THIS_MACHINE, WEB_CHAT_CHANNELS } from './staffModePolicy';
export type { Flow, FlowStep, Condition, Voice } from '../dialogs/dialogSchema';
