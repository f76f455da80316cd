import type { TurnContext } from 'botbuilder';
import { hashId } from '../logging';

/** The part of a pino logger the bot uses; pino's `Logger` fits. Fields are ids and codes, never the person's text. */
export interface BotLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** A short one-way id for a conversation in logs: the server's `hashId`, so both hash the same way. */
export function conversationHash(context: TurnContext): string {
  return hashId(context.activity.conversation?.id ?? '');
}

/** The fields every log line of a turn carries. */
export function turnFields(context: TurnContext): { conversation: string; activityType: string; channel: string } {
  return { conversation: conversationHash(context), activityType: String(context.activity.type), channel: String(context.activity.channelId) };
}
