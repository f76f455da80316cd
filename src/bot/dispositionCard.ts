import { ActivityTypes, CardFactory, InputHints, type Activity } from 'botbuilder';
import type { Knowledge } from '../knowledge/load';
import { PLACEHOLDERS, type Disposition, type Level } from '../knowledge/schema';
import type { FindingMatch, TriageResult } from '../triage/types';
import { plainReasons, questionInPlainWords } from '../rationale';
import { ADAPTIVE_CARD_VERSION } from './cardVersion';
import type { Voice } from '../dialogs/dialogSchema';
import type { Wording } from '../dialogs/wording';

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

/** Each level its own colour and icon, so an emergency never looks like same-day advice (the icon also tells a colour-blind reader). */
const COLOUR: Record<Level, string> = {
  emergency: 'Attention',
  urgent: 'Warning',
  prescriber: 'Accent',
  'self-care': 'Good',
  info: 'Default',
};

/** The element of the card that holds the rest of "what to do now". */
const MORE_ID = 'more_to_do';

/** The icon before the level's name on the card. */
export const LEVEL_ICONS: Record<Level, string> = {
  emergency: '\u{1F6A8}',
  urgent: '\u26A0\uFE0F',
  prescriber: '\u{1FA7A}',
  'self-care': '\u2705',
  info: '\u2139\uFE0F',
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

/** One line per finding: its name and the words that matched, or the question it answered. */
export function evidenceLines(findings: readonly FindingMatch[], input: Pick<DispositionInput, 'voice' | 'wording' | 'knowledge'>): string[] {
  const { voice, wording, knowledge } = input;
  return findings.map((f) => {
    const name = knowledge.findings.get(f.id)?.name ?? f.id;
    if (f.answered !== undefined) {
      const answer = wording.label(f.answered.answer, voice);
      return wording.template('finding_answer', voice, { name, answer, question: questionInPlainWords(f.answered.question, knowledge) });
    }
    return wording.template('finding_evidence', voice, { name, words: f.evidence.text });
  });
}

function whyLines(input: DispositionInput): string[] {
  const { result, voice, wording, knowledge } = input;
  // Staff read every rule that fired, in plain words ("Run out of baclofen + high temperature →
  // withdrawal emergency"); the ids go on the summary card only. Patients read the rule that decided
  // the level when it says more than the name of a finding (which the evidence lines already give).
  const whys =
    voice === 'staff'
      ? plainReasons(result, knowledge, (level) => wording.level(level, voice))
      : result.reasons.slice(0, 1).filter((r) => !r.rule.startsWith('finding:')).map((r) => r.why);
  const lines = whys.map((why) => wording.template('reason', voice, { why }));
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

/** A number the card asks the person to call now, as a tap-to-call button. */
export interface CallButton {
  /** The number as configured (and as the text shows it). */
  readonly number: string;
  readonly title: string;
  /** `tel:` and the number's digits (and a leading +). */
  readonly url: string;
}

/**
 * The `tel:` link for a configured number: its digits and a leading +, once spaces, dashes, dots and
 * brackets are dropped (and a "(0)" after an international code, which is not dialled with it). None
 * for a number with anything else in it ("0800-POISON", "text HOME to 741741"): a guessed link could
 * dial the wrong number, and the text shows the number anyway.
 */
export function telUrl(number: string): string | undefined {
  const international = number.trim().startsWith('+') ? number.replace(/\(0\)/g, '') : number;
  const dialled = international.replace(/[\s().-]/g, '');
  return /^\+?\d{2,15}$/.test(dialled) ? `tel:${dialled}` : undefined;
}

/** Whether `text` names `number` on its own (not as part of a longer number). */
function names(text: string, number: string): boolean {
  return numberPattern(number).test(text);
}

/** The patterns of the configured numbers (a few, from settings), each made once. */
const numberPatterns = new Map<string, RegExp>();

function numberPattern(number: string): RegExp {
  let pattern = numberPatterns.get(number);
  if (pattern === undefined) {
    const escaped = number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(?<![\\w+-])${escaped}(?![\\w-])`);
    // Numbers come from settings, so the map stays small; bounded all the same.
    if (numberPatterns.size >= 16) numberPatterns.clear();
    numberPatterns.set(number, pattern);
  }
  return pattern;
}

/**
 * A tap-to-call button for each configured number that the card's main line or an `also` line asks
 * the person to call: the emergency number on emergency advice, poison control for too much
 * baclofen, the crisis line for self-harm. Patient voice only: staff read the number out to the
 * caller, and a button on their screen would dial from the helpline (Teams on a desktop does not
 * open `tel:` links at all).
 */
export function callButtons(heading: string, also: readonly string[], input: Pick<DispositionInput, 'voice' | 'wording'>): CallButton[] {
  const { voice, wording } = input;
  if (voice !== 'patient') return [];
  const lines = [heading, ...also];
  const buttons: CallButton[] = [];
  for (const placeholder of PLACEHOLDERS) {
    // The number as configured: Wording is the one place that fills placeholders from the settings.
    const number = wording.text({ patient: `{${placeholder}}`, staff: `{${placeholder}}` }, voice);
    const url = telUrl(number);
    if (url === undefined || buttons.some((b) => b.url === url) || !lines.some((line) => names(line, number))) continue;
    buttons.push({ number, url, title: wording.template('call_button', voice, { number }) });
  }
  return buttons;
}

/**
 * Words a frightened person reads on a phone before scrolling: the main line and "what to do now"
 * stay within it; the rest of "what to do now" is one tap away ("More on what to do").
 */
export const FIRST_SCREEN_WORDS = 60;

/** Words as a reader counts them (a number counts, a dash does not). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * "What to do now" split for the first screen: the `also` lines (another number to call) always
 * show; the advice's own sentences in order while the main line and all shown stay within
 * `FIRST_SCREEN_WORDS`, at least the first; the rest under "More on what to do".
 */
export function firstScreen(heading: string, doNow: string, also: readonly string[]): { shown: string[]; more: string[] } {
  const sentencesOf = doNow.match(/[^.!?]+[.!?]+(?=\s|$)|[^.!?]+$/g)?.map((x) => x.trim()).filter((x) => x !== '') ?? [doNow];
  let used = wordCount(heading) + also.reduce((n, line) => n + wordCount(line), 0);
  const shown: string[] = [];
  const more: string[] = [];
  for (const sentence of sentencesOf) {
    const words = wordCount(sentence);
    if (more.length === 0 && (shown.length === 0 || used + words <= FIRST_SCREEN_WORDS)) {
      shown.push(sentence);
      used += words;
    } else more.push(sentence);
  }
  return { shown: [shown.join(' '), ...also], more: more.length === 0 ? [] : [more.join(' ')] };
}

/** Sentences joined for speech, with a full stop after any that has none (and never two). */
function sentences(parts: readonly string[]): string {
  return parts.map((p) => p.trim()).filter((p) => p !== '').map((p) => (/[.!?]$/.test(p) ? p : `${p}.`)).join(' ');
}

/**
 * The disposition as an Adaptive Card (v1.5): the level as a small label over the card's one top
 * heading, its main line ("If someone cannot be woken, call 911 now."); tap-to-call buttons for the
 * numbers it names; then what to do now, why (the findings and the words that matched) and the safety
 * net under smaller section headings. The same content goes as plain text in `text` for channels
 * without cards (Teams gets it in `summary`: see `moveCardTextToSummary`), with the numbers as text,
 * and `channelData.triage`.
 */
export function dispositionActivity(input: DispositionInput): Partial<Activity> {
  const { disposition, voice, wording, result } = input;
  const level = disposition.level;
  const levelName = wording.level(level, voice);
  const heading = wording.text(disposition.heading, voice);
  const also = alsoLines(input);
  const doNowText = wording.text(disposition.do_now, voice);
  const doNow = [doNowText, ...also];
  const first = firstScreen(heading, doNowText, also);
  const safetyNet = wording.text(disposition.safety_net, voice);
  const ruledOut = ruledOutLine(input);
  const why = [...whyLines(input), ...(ruledOut === undefined ? [] : [ruledOut])];
  const calls = callButtons(heading, also, input);
  const speak = sentences([levelName, heading, ...doNow]);
  const labels = {
    doNow: wording.label('what_to_do_now', voice),
    why: wording.label('why', voice),
    safetyNet: wording.label('safety_net', voice),
  };
  // Adaptive Cards 1.5 has one heading style, at one level for the whole card (the host's
  // `textBlock.headingLevel`): section headings are a size below the main line, under it in the card.
  const section = (title: string, lines: readonly string[]) => [
    { type: 'TextBlock', text: title, style: 'heading', weight: 'Bolder', size: 'Medium', wrap: true, spacing: 'Medium' },
    ...lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' })),
  ];
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    speak,
    body: [
      { type: 'TextBlock', text: `${LEVEL_ICONS[level]} ${levelName}`, weight: 'Bolder', color: COLOUR[level], wrap: true },
      { type: 'TextBlock', text: heading, style: 'heading', weight: 'Bolder', size: 'Large', color: COLOUR[level], wrap: true, spacing: 'None' },
      // Right under the main line, not at the end of a long card; the first (the main line's) stands out.
      ...(calls.length > 0
        ? [{ type: 'ActionSet', spacing: 'Medium', actions: calls.map((c, i) => ({ type: 'Action.OpenUrl', title: c.title, url: c.url, ...(i === 0 ? { style: 'positive' } : {}) })) }]
        : []),
      ...section(labels.doNow, first.shown),
      ...(first.more.length > 0
        ? [
            { type: 'Container', id: MORE_ID, isVisible: false, items: first.more.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' })) },
            { type: 'ActionSet', spacing: 'Small', actions: [{ type: 'Action.ToggleVisibility', title: wording.label('more_to_do', voice), targetElements: [MORE_ID] }] },
          ]
        : []),
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
    channelData: { replyId: input.replyId, dispositionId: disposition.id, rules: result.reasons.map((r) => r.rule), triage: triageChannelData(result, disposition) },
  };
}
