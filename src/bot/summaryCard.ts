import { ActivityTypes, CardFactory, InputHints, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { Knowledge } from '../knowledge/load';
import { isAnswer, type TriageResult } from '../triage/types';
import { recordIds } from '../rationale';
import { ADAPTIVE_CARD_VERSION } from './cardVersion';
import type { Voice } from '../dialogs/dialogSchema';
import { triageChannelData } from './dispositionCard';
import type { Dialogs } from '../dialogs/loadDialogs';
import type { CaseState } from './sessionState';
import type { Wording } from '../dialogs/wording';

export interface SummaryInput {
  readonly result: TriageResult;
  readonly caseState: CaseState;
  readonly voice: Voice;
  readonly now: Date;
  /**
   * The person's message this turn (untrusted, read with zod): its `localTimezone`, or the offset of
   * its `localTimestamp`, puts the time on their clock. Web Chat and the Emulator send them; without
   * them the time is in UTC, and says so.
   */
  readonly incoming?: unknown;
  readonly wording: Wording;
  readonly knowledge: Knowledge;
  readonly dialogs: Dialogs;
  /** `flow.step` of the step that showed it. */
  readonly replyId: string;
}

/** Where the person's clock is: an IANA time zone, or only an offset from UTC. */
export type ClientClock = { readonly timeZone: string } | { readonly offsetMinutes: number };

/** What a message may say about the sender's clock. botbuilder keeps the sent string in `rawLocalTimestamp`. */
const ClockFields = z.object({
  localTimezone: z.string().max(64).optional().catch(undefined),
  rawLocalTimestamp: z.string().max(64).optional().catch(undefined),
  localTimestamp: z.unknown().optional(),
});

function validTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The offset of an ISO timestamp ("...T18:58:00.000+01:00"); none for "Z" or none given, which say nothing of the clock. */
function offsetOf(timestamp: string): number | undefined {
  const m = /T[\d:.]+([+-])(\d{2}):?(\d{2})$/.exec(timestamp.trim());
  if (m === null) return undefined;
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return Math.abs(minutes) <= 14 * 60 ? minutes : undefined;
}

/** The sender's clock from a message's `localTimezone` (preferred) or `localTimestamp`, if it tells. */
export function clientClockOf(incoming: unknown): ClientClock | undefined {
  const parsed = ClockFields.safeParse(incoming);
  if (!parsed.success) return undefined;
  const { localTimezone, rawLocalTimestamp, localTimestamp } = parsed.data;
  if (localTimezone !== undefined && validTimeZone(localTimezone)) return { timeZone: localTimezone };
  const timestamp = rawLocalTimestamp ?? (typeof localTimestamp === 'string' ? localTimestamp : undefined);
  const offsetMinutes = timestamp === undefined ? undefined : offsetOf(timestamp);
  return offsetMinutes === undefined ? undefined : { offsetMinutes };
}

/** "28 November 2026, 18:58" on the person's clock when it is known, else "28 November 2026, 18:58 UTC". */
function formatTime(now: Date, clock: ClientClock | undefined, input: Pick<SummaryInput, 'wording' | 'voice'>): string {
  const shifted = clock !== undefined && 'offsetMinutes' in clock ? new Date(now.getTime() + clock.offsetMinutes * 60_000) : now;
  const timeZone = clock !== undefined && 'timeZone' in clock ? clock.timeZone : 'UTC';
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(shifted);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const vars = { day: part('day'), month: part('month'), year: part('year'), time: `${part('hour')}:${part('minute')}` };
  return input.wording.template(clock === undefined ? 'summary_time_utc' : 'summary_time_local', input.voice, vars);
}

/** The wording of an asked question and its answer: knowledge questions by id, flow prompts by `flow.step`. */
function questionAndAnswer(id: string, answer: string, input: SummaryInput): string | undefined {
  const { knowledge, dialogs, voice, wording } = input;
  const answerLabel = (value: string) => (isAnswer(value) ? wording.label(value, voice) : value);
  const question = knowledge.questions.get(id);
  if (question !== undefined) return wording.template('question_answer', voice, { question: wording.text(question.text, voice), answer: answerLabel(answer) });
  const [flowId, stepId] = id.split('.');
  const step = dialogs.flows.get(flowId ?? '')?.steps.find((s) => s.id === stepId);
  if (step === undefined || !(step.kind === 'ask_yes_no' || step.kind === 'ask_choice') || !step.ask.in_summary) return undefined;
  const choice = step.kind === 'ask_choice' ? step.ask.choices.find((c) => c.id === answer) : undefined;
  return wording.template('question_answer', voice, {
    question: wording.text(step.ask.prompt, voice),
    answer: choice === undefined ? answerLabel(answer) : wording.text(choice.label, voice),
  });
}

/**
 * The summary for the record: time (on the person's clock when known), level, findings, questions
 * asked with answers, advice given, and last, small, the content version as a reference. Finding
 * names only, never the person's own words.
 */
export function summaryActivity(input: SummaryInput): Partial<Activity> {
  const { result, caseState, voice, wording, knowledge, now } = input;
  const none = wording.label('none', voice);
  const findings = result.findings.map((f) => knowledge.findings.get(f.id)?.name ?? f.id);
  const questions = caseState.asked.flatMap((a) => questionAndAnswer(a.id, a.answer, input) ?? []);
  const advice = caseState.advice.flatMap((id) => {
    const d = knowledge.dispositions.get(id);
    return d === undefined ? [] : [`${wording.level(d.level, voice)}: ${wording.text(d.heading, voice)} ${wording.text(d.do_now, voice)}`];
  });
  const facts: Array<[string, string]> = [
    [wording.label('summary_time', voice), formatTime(now, clientClockOf(input.incoming), input)],
    [wording.label('summary_level', voice), wording.level(result.level, voice)],
    [wording.label('summary_findings', voice), findings.join(', ') || none],
  ];
  // Which content gave this advice: for whoever looks into it later, so last and small.
  // The staff wording adds the finding and rule ids here, the one place the record carries them.
  const ids = recordIds(result);
  const reference = `${wording.label('summary_version', voice)}: ${wording.template('summary_version_value', voice, {
    version: result.contentVersion,
    findings: ids.findings.join(', ') || none,
    rules: ids.rules.join(', ') || none,
  })}`;
  const title = wording.label('summary_title', voice);
  const list = (label: string, lines: readonly string[]) => [
    { type: 'TextBlock', text: label, weight: 'Bolder', wrap: true, spacing: 'Medium' },
    ...(lines.length === 0 ? [none] : lines).map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' })),
  ];
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' },
      { type: 'FactSet', facts: facts.map(([t, v]) => ({ title: t, value: v })) },
      ...list(wording.label('summary_questions', voice), questions),
      ...list(wording.label('summary_advice', voice), advice),
      { type: 'TextBlock', text: reference, size: 'Small', isSubtle: true, wrap: true, spacing: 'Large' },
    ],
    // Handled before the dialogs (src/audit/forgetMe.ts), like the typed command.
    actions: [{ type: 'Action.Submit', title: wording.label('forget_me', voice), data: { action: 'forget_me' } }],
  };
  const text = [
    title,
    ...facts.map(([t, v]) => `${t}: ${v}`),
    `${wording.label('summary_questions', voice)}:\n${questions.map((q) => `- ${q}`).join('\n') || none}`,
    `${wording.label('summary_advice', voice)}:\n${advice.map((a) => `- ${a}`).join('\n') || none}`,
    reference,
  ].join('\n\n');
  return {
    type: ActivityTypes.Message,
    text,
    attachments: [CardFactory.adaptiveCard(card)],
    inputHint: InputHints.AcceptingInput,
    channelData: { replyId: input.replyId, summary: { ...triageChannelData(result), asked: caseState.asked.map((a) => ({ ...a })), advice: [...caseState.advice], time: now.toISOString() } },
  };
}
