import { ActivityTypes, CardFactory, InputHints, type Activity } from 'botbuilder';
import type { Knowledge } from '../knowledge/load';
import type { TriageResult } from '../triage/types';
import { ADAPTIVE_CARD_VERSION } from './cardVersion';
import type { Voice } from './dialogSchema';
import { triageChannelData } from './dispositionCard';
import type { Dialogs } from './loadDialogs';
import type { CaseState } from './sessionState';
import type { Wording } from './wording';

export interface SummaryInput {
  readonly result: TriageResult;
  readonly caseState: CaseState;
  readonly voice: Voice;
  readonly now: Date;
  readonly wording: Wording;
  readonly knowledge: Knowledge;
  readonly dialogs: Dialogs;
  /** `flow.step` of the step that showed it. */
  readonly replyId: string;
}

function formatTime(now: Date): string {
  return `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The wording of an asked question and its answer: knowledge questions by id, flow prompts by `flow.step`. */
function questionAndAnswer(id: string, answer: string, input: SummaryInput): string | undefined {
  const { knowledge, dialogs, voice, wording } = input;
  const answerLabel = (value: string) => (value === 'yes' || value === 'no' || value === 'unsure' ? wording.label(value, voice) : value);
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
 * The summary for the record: time, level, findings, questions asked with answers, advice given and
 * the content version. Finding names only, never the person's own words.
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
    [wording.label('summary_time', voice), formatTime(now)],
    [wording.label('summary_level', voice), wording.level(result.level, voice)],
    [wording.label('summary_findings', voice), findings.join(', ') || none],
    [wording.label('summary_version', voice), result.contentVersion],
  ];
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
    ],
  };
  const text = [
    title,
    ...facts.map(([t, v]) => `${t}: ${v}`),
    `${wording.label('summary_questions', voice)}:\n${questions.map((q) => `- ${q}`).join('\n') || none}`,
    `${wording.label('summary_advice', voice)}:\n${advice.map((a) => `- ${a}`).join('\n') || none}`,
  ].join('\n\n');
  return {
    type: ActivityTypes.Message,
    text,
    attachments: [CardFactory.adaptiveCard(card)],
    inputHint: InputHints.AcceptingInput,
    channelData: { replyId: input.replyId, summary: { ...triageChannelData(result), asked: caseState.asked.map((a) => ({ ...a })), advice: [...caseState.advice], time: now.toISOString() } },
  };
}
