import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Knowledge } from '../knowledge/load';
import { Answer, type Analysis } from '../triage/types';
import type { TriageEngine } from '../triage';

/**
 * A card button's value (Teams sends `Action.Submit` data as a message `value`):
 * `{ answer: 'yes', question: 'ask_breathing' }` or `{ choice: 'pump', step: 'which' }`.
 */
export const SubmitValue = z.object({
  answer: Answer.optional(),
  question: z.string().max(100).optional(),
  choice: z.string().max(100).optional(),
  step: z.string().max(100).optional(),
});
export type SubmitValue = z.infer<typeof SubmitValue>;

/** What the person sent this turn, read once. */
export interface TurnInput {
  /** The message text with any @mention of the bot removed, trimmed. Patient text: never log. */
  readonly text: string;
  /** A recognised card submit, if the message carried one. */
  readonly submit?: SubmitValue;
  /** The core's reading of `text`. */
  readonly analysis: Analysis;
}

const TURN_INPUT = Symbol('triageBot.turnInput');
const EMPTY: Analysis = { findings: [], topics: [], isQuestion: false };

/** The text of an incoming message without the bot's @mention (Teams group chats put `<at>Bot</at>` in it). */
export function messageText(context: TurnContext): string {
  const activity = context.activity;
  if (typeof activity.text !== 'string') return '';
  const hasMention = (activity.entities ?? []).some((e) => e.type === 'mention');
  return (hasMention ? TurnContext.removeRecipientMention(activity) ?? activity.text : activity.text).trim();
}

/** Reads (once per turn, then cached) the text, submit value and analysis of the incoming message. */
export function readTurnInput(context: TurnContext, engine: Pick<TriageEngine, 'analyse'>): TurnInput {
  const cached = context.turnState.get(TURN_INPUT) as TurnInput | undefined;
  if (cached !== undefined) return cached;
  const text = messageText(context);
  const parsed = SubmitValue.safeParse(context.activity.value);
  const submit = parsed.success && (parsed.data.answer !== undefined || parsed.data.choice !== undefined) ? parsed.data : undefined;
  const input: TurnInput = { text, ...(submit ? { submit } : {}), analysis: text === '' ? EMPTY : engine.analyse(text) };
  context.turnState.set(TURN_INPUT, input);
  return input;
}

/** Findings the person reports as present in this message. */
export function presentFindings(analysis: Analysis): string[] {
  return [...new Set(analysis.findings.filter((f) => f.status === 'present').map((f) => f.id))];
}

/**
 * Findings the person reports as present, leaving out context (knowledge tier `info`, e.g. "my
 * pump"): context sets no level on its own and counts only through the core's combination rules.
 */
export function reportedFindings(analysis: Analysis, knowledge: Pick<Knowledge, 'findings'>): string[] {
  return presentFindings(analysis).filter((id) => knowledge.findings.get(id)?.tier !== 'info');
}
