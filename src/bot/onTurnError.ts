import { ActivityTypes, type ConversationState, type TurnContext } from 'botbuilder';
import { DialogContextError } from './dialogKit';
import type { Contacts } from '../knowledge/schema';
import { errorCode } from '../logging';
import { turnFields, type BotLogger } from './botLogger';
import { errorMessage } from './errorMessage';
import type { Dialogs } from '../dialogs/loadDialogs';

export interface OnTurnErrorDeps {
  readonly conversationState: ConversationState;
  readonly logger: BotLogger;
  readonly contacts: Contacts;
  /** For the `error` message in both voices; a built-in text is used without it. */
  readonly dialogs?: Dialogs;
}

/**
 * The adapter's `onTurnError`: logs the error (never the person's text), tells the person something
 * went wrong and how to reach emergency help, and clears the conversation state so the next message
 * starts afresh. It never throws.
 */
export function createOnTurnError(deps: OnTurnErrorDeps): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const fields = safeFields(context);
    try {
      deps.logger.error({ ...fields, err: describeError(error) }, 'turn failed');
    } catch {
      // Logging must not stop the person hearing about emergency help.
    }
    try {
      if (context.activity.type === ActivityTypes.Message || context.activity.type === ActivityTypes.ConversationUpdate) {
        await context.sendActivity({ type: ActivityTypes.Message, text: errorMessage(deps.dialogs, deps.contacts), channelData: { replyId: 'error' } });
      }
    } catch (sendError) {
      safeLog(deps.logger, fields, sendError, 'could not send the error message');
    }
    try {
      await deps.conversationState.delete(context);
    } catch (stateError) {
      safeLog(deps.logger, fields, stateError, 'could not clear conversation state');
    }
  };
}

/**
 * Name and code of an error; for an error thrown inside a dialog, also its cause's and the active
 * dialog id. Never the message or stack: they can quote ids, addresses or the person's words, and a
 * log line is one line of ids and codes.
 */
function describeError(error: unknown): Record<string, unknown> {
  const plain = (e: unknown) => ({ name: e instanceof Error ? e.name : 'NonError', code: errorCode(e) });
  if (error instanceof DialogContextError) {
    return { ...plain(error), cause: plain(error.error), activeDialog: error.dialogContext.activeDialog ?? null };
  }
  return plain(error);
}

function safeFields(context: TurnContext): Record<string, unknown> {
  try {
    return turnFields(context);
  } catch {
    return {};
  }
}

function safeLog(logger: BotLogger, fields: Record<string, unknown>, error: unknown, message: string): void {
  try {
    logger.error({ ...fields, err: describeError(error) }, message);
  } catch {
    // Nothing left to do.
  }
}
