/**
 * An embedded Direct Line 3.0 service, so Web Chat can talk to the bot with no Azure. Wiring:
 *
 * ```ts
 * const directLine = registerDirectLine(server, {
 *   botEndpoint: () => `http://127.0.0.1:${port}/api/messages`,
 *   serviceUrl: () => `http://127.0.0.1:${port}`,
 *   logger,
 * });
 * registerDirectLineTokenEndpoint(server, { directLine, directLineSecret: process.env.DIRECT_LINE_SECRET, logger });
 * // on shutdown: directLine.close(); server.close();
 * ```
 */
export { registerDirectLine, type DirectLineService } from './registerDirectLine';
export { registerDirectLineTokenEndpoint, type TokenEndpointOptions, AZURE_DIRECT_LINE_DOMAIN } from './tokenEndpoint';
export type { DirectLineOptions } from './options';
export type { ConversationRecords } from './conversationRecords';
export { MemoryConversationRecords } from './memoryRecords';
export { SqlConversationRecords } from './sqlRecords';
export type { FetchLike } from './botForwarder';
export type { DirectLineLogger } from './logger';
export { clientAddress, isLoopbackAddress, isLoopbackHost } from './clientAddress';
