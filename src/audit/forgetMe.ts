import { ActivityTypes, type BotState, type TurnContext } from 'botbuilder';
import { errorCode, hashId } from '../logging';
import type { AuditStore } from './auditEvent';

/** The value of the summary card's "forget me" button. */
export const FORGET_ME_ACTION = 'forget_me';

export type Voice = 'patient' | 'staff';

export interface ForgetMeDeps {
  /** Whether the whole message is a "forget me" command (`dialogs/commands.yaml`). */
  readonly isCommand: (text: string) => boolean;
  /** The `forgotten` message in a voice, placeholders filled. */
  readonly reply: (voice: Voice) => string;
  readonly conversationState: BotState;
  readonly audit: AuditStore;
  /** Deletes the conversation's stored transcript (the built-in Direct Line), where there is one. */
  readonly forgetTranscript?: (conversationId: string) => Promise<void>;
  readonly logger: { info(fields: Record<string, unknown>, message: string): void; error(fields: Record<string, unknown>, message: string): void };
}

interface Handler {
  run(context: TurnContext): Promise<void>;
}

/**
 * "Forget me", typed or from the summary card's button, in either voice: deletes the conversation's
 * state and stored transcript, and strips the identifying fields from its audit rows (what was
 * advised stays, not to whom). Any other activity goes to the bot.
 */
export function forgetMe(handler: Handler, deps: ForgetMeDeps): Handler {
  return {
    run: async (context) => {
      if (!asksToForget(context, deps)) return handler.run(context);
      const conversationId = context.activity.conversation?.id ?? '';
      const conversation = hashId(conversationId);
      const state = (await deps.conversationState.load(context)) as Record<string, unknown>;
      const voice: Voice = (state['session'] as { voice?: unknown } | undefined)?.voice === 'staff' ? 'staff' : 'patient';
      await deps.conversationState.delete(context);
      let auditRows = 0;
      try {
        auditRows = await deps.audit.forgetConversation(conversation);
        await deps.forgetTranscript?.(conversationId);
      } catch (error) {
        deps.logger.error({ conversation, code: errorCode(error) }, 'forget_failed: part of the conversation may still be stored; the person was told it was deleted only from this chat');
      }
      deps.logger.info({ conversation, auditRows }, 'forgotten');
      await context.sendActivity({ type: ActivityTypes.Message, text: deps.reply(voice), channelData: { replyId: 'forgotten' } });
    },
  };
}

function asksToForget(context: TurnContext, deps: ForgetMeDeps): boolean {
  const activity = context.activity;
  if (activity.type !== ActivityTypes.Message) return false;
  const value = activity.value as { action?: unknown } | undefined;
  if (value?.action === FORGET_ME_ACTION) return true;
  return typeof activity.text === 'string' && deps.isCommand(activity.text);
}
