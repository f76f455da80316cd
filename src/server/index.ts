export { createServer } from './createServer';
export type {
  BotServer,
  Closable,
  ExtensionContext,
  HealthInfo,
  ServerDeps,
  ServerExtension,
  ShutdownReport,
  TurnHandler,
  TurnProcessor,
} from './createServer';
export { createAdapter } from './adapter';
export { InFlight } from './inFlight';
export { checkInboundActivity, InboundActivity } from './activityShape';
export { handleShutdownSignals } from './signals';
export { webChat, callScript, type WebChatSettings } from './extensions';
