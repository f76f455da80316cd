import { hashActivityId, hashId } from '../logging';

/** A pino-compatible logging surface; the Direct Line code logs ids and codes only, never message text. */
export interface DirectLineLogger {
  info(fields: Record<string, unknown>, message?: string): void;
  warn(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

/** A logger that drops everything, used when none is injected. */
export const silentLogger: DirectLineLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * The ids a Direct Line log line carries, hashed one way: a conversation id is what lets someone read or
 * post into the conversation. Named and hashed as the bot and server log them, so lines of one conversation
 * can be followed across all three.
 */
export function logIds(conversationId: string, activityId?: string): { conversation: string; activityId?: string } {
  return { conversation: hashId(conversationId), ...(activityId === undefined ? {} : { activityId: hashActivityId(activityId) }) };
}
