import { ActivityTypes, CardFactory, InputHints, type Activity } from 'botbuilder';
import type { Knowledge } from '../knowledge/load';
import type { Disposition, Level } from '../knowledge/schema';
import type { FindingMatch, TriageResult } from '../triage/types';
import { ADAPTIVE_CARD_VERSION } from './cardVersion';
import type { Voice } from './dialogSchema';
import type { Wording } from './wording';

/** What every disposition activity carries in `channelData.triage`, for clients, tests and the record. */
export interface TriageChannelData {
  readonly level: Level;
  readonly category: string;
  /** Finding ids that counted. */
  readonly findings: readonly string[];
  readonly contentVersion: string;
}

/** `channelData.triage` for a decision (and the disposition shown, when a flow raised it). */
export function triageChannelData(result: TriageResult, shown?: Disposition): TriageChannelData {
  return {
    level: shown?.level ?? result.level,
    category: shown?.category ?? result.category,
    findings: [...new Set(result.findings.map((f) => f.id))],
    contentVersion: result.contentVersion,
  };
}

const COLOUR: Record<Level, string> = {
  emergency: 'Attention',
  urgent: 'Attention',
  prescriber: 'Warning',
  'self-care': 'Good',
  info: 'Default',
};

export interface DispositionInput {
  readonly result: TriageResult;
  /** The disposition to show: the core's, or a more urgent one a flow asked for. */
  readonly disposition: Disposition;
  readonly voice: Voice;
  readonly wording: Wording;
  readonly knowledge: Knowledge;
  /** `flow.step` of the step that showed it. */
  readonly replyId: string;
}

/** One line per finding: its name and the words that matched (staff also see the rule). */
export function evidenceLines(findings: readonly FindingMatch[], input: Pick<DispositionInput, 'voice' | 'wording' | 'knowledge'>): string[] {
  const { voice, wording, knowledge } = input;
  return findings.map((f) => {
    const name = knowledge.findings.get(f.id)?.name ?? f.id;
    const answered = /^answer (yes|no|unsure) to (\S+)$/.exec(f.evidence.rule);
    if (answered) {
      const answer = wording.label(answered[1] as 'yes' | 'no' | 'unsure', voice);
      return wording.template('finding_answer', voice, { name, answer, question: answered[2] ?? '' });
    }
    return wording.template('finding_evidence', voice, { name, words: f.evidence.text, rule: f.evidence.rule });
  });
}

function whyLines(input: DispositionInput): string[] {
  const { result, voice, wording } = input;
  // Staff read every rule that fired. Patients read the rule that decided the level when it says more
  // than the name of a finding (which the evidence lines below already give).
  const reasons = voice === 'staff' ? result.reasons : result.reasons.slice(0, 1).filter((r) => !r.rule.startsWith('finding:'));
  const lines = reasons.map((r) => wording.template('reason', voice, { why: r.why, rule: r.rule, level: r.level }));
  return [...lines, ...evidenceLines(result.findings, input)];
}

/**
 * Lines for what else counted but the advice shown is not about: a finding whose category has an
 * `also` line in messages.yaml (the crisis line for self-harm, poison control for too much baclofen).
 */
function alsoLines(input: DispositionInput): string[] {
  const { result, disposition, knowledge, wording, voice } = input;
  const categories = new Set(result.findings.map((f) => knowledge.findings.get(f.id)?.category).filter((c): c is string => c !== undefined && c !== disposition.category));
  return [...categories].flatMap((category) => wording.also(category, voice) ?? []);
}

function ruledOutLine(input: DispositionInput): string | undefined {
  if (input.result.ruledOut.length === 0) return undefined;
  const names = input.result.ruledOut.map((f) => input.knowledge.findings.get(f.id)?.name.toLowerCase() ?? f.id);
  return `${input.wording.label('ruled_out', input.voice)}: ${names.join(', ')}.`;
}

/**
 * The disposition as an Adaptive Card (v1.5: the level as a heading, what to do now, why with the
 * findings and matched words, the safety net), with the same content as plain text in `text` for
 * channels without cards (Teams gets it in `summary`: see `moveCardTextToSummary`), and
 * `channelData.triage`.
 */
export function dispositionActivity(input: DispositionInput): Partial<Activity> {
  const { disposition, voice, wording, result } = input;
  const level = disposition.level;
  const levelName = wording.level(level, voice);
  const heading = wording.text(disposition.heading, voice);
  const doNow = [wording.text(disposition.do_now, voice), ...alsoLines(input)];
  const safetyNet = wording.text(disposition.safety_net, voice);
  const ruledOut = ruledOutLine(input);
  const why = [...whyLines(input), ...(ruledOut === undefined ? [] : [ruledOut])];
  const speak = `${levelName}. ${heading}. ${doNow.join(' ')}`;
  const labels = {
    doNow: wording.label('what_to_do_now', voice),
    why: wording.label('why', voice),
    safetyNet: wording.label('safety_net', voice),
  };
  const section = (title: string, lines: readonly string[]) => [
    { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, spacing: 'Medium', style: 'heading' },
    ...lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' })),
  ];
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    speak,
    body: [
      { type: 'TextBlock', text: levelName, weight: 'Bolder', size: 'Medium', color: COLOUR[level], wrap: true, style: 'heading' },
      { type: 'TextBlock', text: heading, weight: 'Bolder', size: 'Large', color: COLOUR[level], wrap: true, spacing: 'None' },
      ...section(labels.doNow, doNow),
      // No "Why" heading without lines under it, should a decision ever come with neither reason nor finding.
      ...(why.length > 0 ? section(labels.why, why) : []),
      ...section(labels.safetyNet, [safetyNet]),
    ],
  };
  const text = [
    `${levelName}\n${heading}`,
    `${labels.doNow}: ${doNow.join(' ')}`,
    ...(why.length > 0 ? [`${labels.why}:\n${why.map((line) => `- ${line}`).join('\n')}`] : []),
    `${labels.safetyNet}: ${safetyNet}`,
  ].join('\n\n');
  return {
    type: ActivityTypes.Message,
    text,
    speak,
    attachments: [CardFactory.adaptiveCard(card)],
    inputHint: InputHints.AcceptingInput,
    channelData: { replyId: input.replyId, dispositionId: disposition.id, triage: triageChannelData(result, disposition) },
  };
}
