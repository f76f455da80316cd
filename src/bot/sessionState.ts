import type { BotState, TurnContext } from 'botbuilder';
import { newCase, type CaseState } from '../dialogs/caseRecord';
import type { Voice } from '../dialogs/dialogSchema';

export { newCase, type AskedQuestion, type CaseState, type StandingAdvice } from '../dialogs/caseRecord';

/** The bot's own conversation state, next to the dialog stack. Plain JSON: it goes through storage. */
export interface SessionState {
  /** The knowledge and dialogs versions this conversation started with; a change restarts it. */
  contentVersion?: string;
  dialogsVersion?: string;
  welcomed: boolean;
  voice: Voice;
  case: CaseState;
  /** The id of the bot's last reply in an earlier turn (`channelData.replyId`), for `after_reply` conditions. */
  lastReplyId?: string;
}

/** A conversation's state before its first turn. */
export function newSession(): SessionState {
  return { welcomed: false, voice: 'patient', case: newCase() };
}

/** Reads the session for a turn (creating it on first use); saved with the conversation state after the turn. */
export class SessionStore {
  constructor(private readonly conversationState: BotState) {}

  /** Read straight off the loaded state: several times a turn, so no property accessor and no default built only to be dropped. */
  async get(context: TurnContext): Promise<SessionState> {
    const state = (await this.conversationState.load(context)) as { session?: SessionState };
    return (state.session ??= newSession());
  }
}
