import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';

/** The part of a pino logger the bot uses; pino's `Logger` fits. Fields are ids and codes, never the person's text. */
export interface BotLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** A short one-way id for a conversation in logs: sha256, first 12 hex characters. */
export function conversationHash(context: TurnContext): string {
  const id = context.activity.conversation?.id ?? '';
  return createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 12);
}

/** The fields every log line of a turn carries. */
export function turnFields(context: TurnContext): { conversation: string; activityType: string; channel: string } {
  return { conversation: conversationHash(context), activityType: String(context.activity.type), channel: String(context.activity.channelId) };
}
