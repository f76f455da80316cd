import type { TurnContext } from 'botbuilder';
import type { Flow, FlowStep } from '../dialogs/dialogSchema';
import type { Answer } from '../triage/types';
import { replyIdOf, type FlowState } from './flowState';
import { promptActivity, textActivity, yesNoButtons, type PromptButton } from './prompts';
import type { BotServices } from './services';
import type { SessionState } from './sessionState';
import { needsCardButtons } from './teamsRules';

/** What asking needs: no turn, since a prompt is also asked again on its own (`repromptDialog`). */
export interface PromptContext {
  readonly flow: Flow;
  readonly services: Pick<BotServices, 'wording' | 'knowledge'>;
  readonly context: TurnContext;
  readonly session: SessionState;
  readonly state: FlowState;
}

type AskStep = Extract<FlowStep, { kind: 'ask_yes_no' | 'ask_choice' | 'ask_text' }>;

function isAsk(step: FlowStep): step is AskStep {
  return step.kind === 'ask_text' || step.kind === 'ask_yes_no' || step.kind === 'ask_choice';
}

/**
 * Asks what the pending step waits for: a red-flag question of knowledge (yes / no / not sure), or
 * the step's own prompt (free text, yes/no, or a choice). Staff also see what to listen for.
 */
export async function sendPrompt(step: FlowStep, at: PromptContext): Promise<void> {
  const { wording, knowledge } = at.services;
  const { context, state } = at;
  const voice = at.session.voice;
  const replyId = replyIdOf(at.flow, step);
  const yesNo = (data: Record<string, string>, offerUnsure = true): PromptButton[] => yesNoButtons((answer) => wording.label(answer, voice), data, offerUnsure);
  const combined = state.pending?.any ?? state.pending?.which;
  if (combined !== undefined) {
    await sendCombinedPrompt(combined, state.pending?.any !== undefined ? 'any' : 'which', { ...at, replyId });
    return;
  }
  const question = state.pending?.question === undefined ? undefined : knowledge.questions.get(state.pending.question);
  if (question !== undefined) {
    const text = wording.template('listen_for', voice, { question: wording.text(question.text, voice), listen_for: question.listen_for });
    // Staff press what the caller said ("Wakes and answers"), so a question worded the other way round cannot flip the answer.
    const meaning = (answer: Answer): string | undefined => (answer === 'yes' ? question.yes_means : answer === 'no' ? question.no_means : undefined);
    const buttons = yesNoButtons((answer) => (voice === 'staff' ? meaning(answer) : undefined) ?? wording.label(answer, voice), { question: question.id });
    await context.sendActivity(promptActivity(text, buttons, { useCardButtons: needsCardButtons(context, buttons.length) }, { replyId, questionId: question.id }));
    return;
  }
  if (!isAsk(step)) return;
  const text = wording.template('listen_for', voice, { question: wording.text(step.ask.prompt, voice), listen_for: step.ask.listen_for });
  if (step.kind === 'ask_text') {
    await context.sendActivity({ ...textActivity(text, replyId), inputHint: 'expectingInput' });
    return;
  }
  const buttons =
    step.kind === 'ask_yes_no'
      ? yesNo({ step: step.id }, step.ask.offer_unsure)
      : step.ask.choices.map((c) => ({ title: wording.text(c.label, voice), data: { choice: c.id, step: step.id } }));
  const onCard = step.kind === 'ask_yes_no' && step.ask.on_card;
  await context.sendActivity(promptActivity(text, buttons, { useCardButtons: onCard || needsCardButtons(context, buttons.length) }, { replyId }));
}

/**
 * A combined check of several red flags: "Is any of these happening now?" with each listed and Yes /
 * No / Not sure (staff: "Yes, one or more" / "None of these"), or after a yes, which one, each a
 * button and Not sure. The list is what each question's yes means, the words staff press elsewhere.
 */
async function sendCombinedPrompt(questionIds: readonly string[], kind: 'any' | 'which', at: PromptContext & { readonly replyId: string }): Promise<void> {
  const { wording, knowledge } = at.services;
  const voice = at.session.voice;
  const stepId = at.state.pending?.stepId ?? '';
  const questions = questionIds.flatMap((id) => knowledge.questions.get(id) ?? []);
  const itemOf = (q: (typeof questions)[number]): string => q.yes_means ?? wording.text(q.text, voice);
  const items = questions.map((q) => wording.template('one_of_these', voice, { item: itemOf(q) })).join('\n');
  const ids = { replyId: at.replyId, questionIds: questions.map((q) => q.id) };
  if (kind === 'any') {
    const label = (answer: Answer): string => (answer === 'yes' ? wording.label('any_yes', voice) : answer === 'no' ? wording.label('any_no', voice) : wording.label('unsure', voice));
    const buttons = yesNoButtons(label, { step: stepId });
    const text = wording.template('any_of_these', voice, { items });
    await at.context.sendActivity(promptActivity(text, buttons, { useCardButtons: needsCardButtons(at.context, buttons.length) }, ids));
    return;
  }
  const buttons: PromptButton[] = [
    ...questions.map((q) => ({ title: itemOf(q), data: { choice: q.id, step: stepId } })),
    { title: wording.label('unsure', voice), data: { answer: 'unsure', step: stepId } },
  ];
  const text = wording.template('which_of_these', voice, { items });
  await at.context.sendActivity(promptActivity(text, buttons, { useCardButtons: needsCardButtons(at.context, buttons.length) }, ids));
}
