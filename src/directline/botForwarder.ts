import { errorCode } from '../logging';
import type { Conversation } from './conversationStore';
import { logIds, type DirectLineLogger } from './logger';

/** The subset of `fetch` this package uses; injectable so tests need no network. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** How to reach the bot. */
export interface BotForwarderOptions {
  botEndpoint: () => string;
  fetch: FetchLike;
  timeoutMs: number;
  logger: DirectLineLogger;
  /** Runs when the bot did not handle the activity (error status, timeout, unreachable), so the person can be told. */
  onFailure: () => void;
}

/**
 * Queues an activity for the bot's messages endpoint. Activities of one conversation are sent one at a
 * time, each after the bot finished the previous turn, so the welcome turn always precedes the first
 * message. The returned promise settles when this activity was handled; it never rejects: failures are logged
 * and reported to `onFailure`, because the page already got 200 for the activity and the bot's own
 * `onTurnError` never ran.
 */
export function forwardToBot(
  conversation: Conversation,
  activity: Record<string, unknown> & { id: string; type: string },
  options: BotForwarderOptions,
): Promise<void> {
  const send = async (): Promise<void> => {
    const ids = { ...logIds(conversation.id, activity.id), activityType: activity.type };
    try {
      const response = await options.fetch(options.botEndpoint(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (response.ok) return;
      if (response.status >= 500) options.logger.error({ ...ids, status: response.status }, 'bot_turn_failed');
      else options.logger.warn({ ...ids, status: response.status }, 'bot_rejected_activity');
    } catch (error) {
      options.logger.error({ ...ids, code: errorCode(error) }, 'bot_unreachable');
    }
    try {
      options.onFailure();
    } catch (error) {
      // The queue must keep going: a rejected turn would stop every later activity reaching the bot.
      options.logger.error({ ...ids, code: errorCode(error) }, 'bot_failure_not_reported');
    }
  };
  const turn = conversation.botQueue.then(send);
  conversation.botQueue = turn;
  return turn;
}
