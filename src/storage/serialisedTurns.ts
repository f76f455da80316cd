import type { TurnContext } from 'botbuilder';
import type { SqlDatabase } from './sqlDatabase';
import { TurnQueue } from './turnQueue';

/** What the server runs for each activity: the bot, or a wrapper around it. */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

/** The key `ConversationState` stores a conversation under; also its lock and queue key. */
export function conversationKey(context: TurnContext): string {
  return `${context.activity.channelId}/conversations/${context.activity.conversation?.id ?? ''}`;
}

/**
 * Turns of one conversation run one at a time, in order: queued in this process, and with the
 * database's lock across instances, so two instances never interleave or lose an update.
 */
export function serialisedTurns(handler: TurnHandler, db: SqlDatabase | undefined, queue = new TurnQueue()): TurnHandler {
  return {
    run: (context) => {
      const key = conversationKey(context);
      return queue.run(key, () => (db === undefined ? handler.run(context) : db.withConversationLock(key, () => handler.run(context))));
    },
  };
}
