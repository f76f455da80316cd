export { registerDirectLine, type DirectLineService } from './registerDirectLine';
export { registerDirectLineTokenEndpoint, type TokenEndpointOptions, AZURE_DIRECT_LINE_DOMAIN } from './tokenEndpoint';
export type { DirectLineOptions } from './options';
export type { FetchLike } from './botForwarder';
export type { Clock, TokenGrant } from './conversationStore';
export type { DirectLineLogger } from './logger';
export { createRandomIdSource, type IdSource } from './ids';
