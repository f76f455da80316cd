import type { TurnContext } from 'botbuilder';
import type { Flow, FlowStep } from '../dialogs/dialogSchema';
import type { Turn } from '../dialogs/turn';
import type { TopicMatch } from '../triage/types';
import type { BotServices } from './services';
import type { SessionState } from './sessionState';

/** How a flow is started: the topics of the message that started it, kept for `answer_topics`. */
export interface FlowOptions {
  readonly topics?: readonly TopicMatch[];
}

/** A flow's place in the conversation, kept in the dialog stack (plain JSON). */
export interface FlowState {
  /** Index of the current step. */
  step: number;
  /** The step waiting for the person's reply, and for `screen` what it asked. */
  pending?: PendingAsk;
  slots: Record<string, string>;
  /** What this flow has asked so far, each once (a step id, a question id, or a combined check): `max_questions` counts these. */
  asked: string[];
  /** A combined check answered yes: which of these is happening is asked next. */
  anyYes?: string[];
  /** Topics asked about and not answered yet: the first message's, and any asked beside an answer. */
  topics: TopicMatch[];
}

/**
 * What a step waits for: its own prompt, or for `screen` one red-flag question, a combined check of
 * several (`any`: "Is any of these happening now?") or, after a yes to it, which one (`which`).
 */
export interface PendingAsk {
  stepId: string;
  question?: string;
  any?: string[];
  which?: string[];
}

/** What a step of a running flow works with this turn: the flow, the bot's services, the turn and the conversation. */
export interface StepContext {
  readonly flow: Flow;
  readonly services: BotServices;
  readonly context: TurnContext;
  readonly turn: Turn;
  readonly session: SessionState;
  readonly state: FlowState;
}

/** The reply id of what a step sends: `flow.step`. */
export function replyIdOf(flow: Flow, step: FlowStep): string {
  return `${flow.id}.${step.id}`;
}
