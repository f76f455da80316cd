import { TurnContext } from 'botbuilder';
import { readMessage, Turn, type TurnReaders } from '../dialogs/turn';
import type { SessionState } from './sessionState';

const TURN = Symbol('triageBot.turn');

/** The text of an incoming message without the bot's @mention (Teams group chats put `<at>Bot</at>` in it). */
export function messageText(context: TurnContext): string {
  const activity = context.activity;
  if (typeof activity.text !== 'string') return '';
  const hasMention = (activity.entities ?? []).some((e) => e.type === 'mention');
  return (hasMention ? TurnContext.removeRecipientMention(activity) ?? activity.text : activity.text).trim();
}

/**
 * Reads the incoming message into the turn's one `Turn`, kept on the context for the dialogs below:
 * botbuilder-dialogs gives a dialog's `continueDialog` nothing but the context.
 */
export function startTurn(context: TurnContext, readers: TurnReaders, session: SessionState): Turn {
  const turn = new Turn(readMessage(messageText(context), context.activity.value, readers), readers, () => session.case);
  context.turnState.set(TURN, turn);
  return turn;
}

/** The `Turn` of this message; `startTurn` runs before any dialog does. */
export function turnOf(context: TurnContext): Turn {
  const turn = context.turnState.get(TURN) as Turn | undefined;
  if (turn === undefined) throw new Error('turnOf: no Turn for this activity; TriageBot.runConversation starts one before running the dialogs');
  return turn;
}
