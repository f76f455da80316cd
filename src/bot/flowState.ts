import type { TopicMatch } from '../triage/types';
import type { Flow, FlowStep } from './dialogSchema';
import type { BotServices } from './services';

/** How a flow is started: the topics of the message that started it, kept for `answer_topics`. */
export interface FlowOptions {
  readonly topics?: readonly TopicMatch[];
}

/** A flow's place in the conversation, kept in the dialog stack (plain JSON). */
export interface FlowState {
  /** Index of the current step. */
  step: number;
  /** The step waiting for the person's reply, and for `screen` the question asked. */
  pending?: { stepId: string; question?: string };
  slots: Record<string, string>;
  /** Red-flag questions asked by `screen` steps so far. */
  screened: number;
  /** Topics asked about and not answered yet: the first message's, and any asked beside an answer. */
  topics: TopicMatch[];
}

/** What the step handlers of a running flow work with: the flow and the bot's services. */
export interface FlowRun {
  readonly flow: Flow;
  readonly services: BotServices;
}

/** The reply id of what a step sends: `flow.step`. */
export function replyIdOf(flow: Flow, step: FlowStep): string {
  return `${flow.id}.${step.id}`;
}
