export { createServer } from './createServer';
export type { BotServer, ServerExtension, TurnProcessor } from './createServer';
export { createAdapter } from './adapter';
export { handleShutdownSignals } from './signals';
export { webChat, callScript, type WebChatSettings } from './extensions';
