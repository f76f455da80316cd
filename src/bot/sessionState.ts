import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Analysis, Answer, Level } from '../triage/types';
import type { Voice } from './dialogSchema';

/** One screening question asked in this conversation and the answer recorded. */
export interface AskedQuestion {
  /** A knowledge question id, or `<flow>.<step>` for a flow's own yes/no or choice prompt. */
  readonly id: string;
  readonly answer: string;
}

/** What the advice shown last was given for: a later message that goes beyond it calls for new advice. */
export interface StandingAdvice {
  /** The level of the disposition shown (a flow's floor included). */
  readonly level: Level;
  /** The finding ids the decision counted. */
  readonly findings: readonly string[];
}

/** What the conversation has established so far: the triage core decides over all of it. */
export interface CaseState {
  /** Every message that reported findings (present, negated or hypothetical). Patient text: never log. */
  analyses: Analysis[];
  /** Answers to the core's red-flag questions, by question id. */
  answers: Record<string, Answer>;
  /** Questions in the order asked, for the summary. */
  asked: AskedQuestion[];
  /** Disposition ids shown, in order, for the summary. */
  advice: string[];
  /**
   * The advice that stands now, for the `message_changes_advice` condition. None before the first
   * disposition, and none while a flow that ends in a disposition is on its way to the next one.
   */
  standingAdvice?: StandingAdvice;
}

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

/** An empty case: nothing reported, asked or advised yet. */
export function newCase(): CaseState {
  return { analyses: [], answers: {}, asked: [], advice: [] };
}

/** A conversation's state before its first turn. */
export function newSession(): SessionState {
  return { welcomed: false, voice: 'patient', case: newCase() };
}

/** Reads the session for a turn (creating it on first use); saved with the conversation state after the turn. */
export class SessionStore {
  constructor(private readonly accessor: StatePropertyAccessor<SessionState>) {}

  async get(context: TurnContext): Promise<SessionState> {
    return this.accessor.get(context, newSession());
  }
}
