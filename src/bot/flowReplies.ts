import { noteAsked } from '../dialogs/caseRecord';
import type { Choice, FlowStep } from '../dialogs/dialogSchema';
import { normalizePhrase } from '../dialogs/phraseSet';
import type { Analysis, Answer } from '../triage/types';
import type { FlowState, StepContext } from './flowState';

/** What a reply to the pending step was: its answer, findings to add, a topic question, or none of these. */
export type ReplyOutcome = 'answered' | 'noted' | 'aside' | 'not_understood';

/**
 * Reads the reply to the pending step and records it. Free text that is not an answer is not
 * dropped: findings are added to the conversation (`noted`), a topic question is answered
 * (`aside`); either way the step runs again (after deciding again) and asks its question again.
 */
export function readReply(step: FlowStep, at: StepContext): ReplyOutcome {
  const { state, turn, session } = at;
  const pending = state.pending;
  if (pending === undefined) return 'answered';
  const message = turn.message;
  const noteFindings = (): ReplyOutcome => {
    const { findings, topics } = message.analysis;
    if (findings.length === 0 && topics.length === 0) return 'not_understood';
    // Topics count too, as in the core: "how do I come off it?" is a prescriber matter.
    turn.recordMessage(true);
    state.pending = undefined;
    // Nothing reported beside a topic (findings only hypothetical, negated or context): a question
    // ("what if I stop suddenly?", "is my pump safe?"), answered aside; context is kept all the same.
    return topics.length > 0 && message.reported.length === 0 ? 'aside' : 'noted';
  };

  if (step.kind === 'ask_text') {
    if (message.text === '') return 'not_understood';
    turn.recordMessage();
    state.slots[step.ask.slot] = 'given';
    return advance(state);
  }

  if (step.kind === 'ask_choice') {
    const choice = choiceFor(step.ask.choices, step.id, at);
    if (choice === undefined) return noteFindings();
    state.slots[step.ask.slot] = choice.id;
    if (step.ask.in_summary) noteAsked(session.case, { id: `${at.flow.id}.${step.id}`, answer: choice.id });
    if (choice.adds_finding !== undefined) turn.recordEvidence(choiceAnalysis(choice, step.id, at));
    return advance(state);
  }

  if (pending.which !== undefined) {
    const which = whichAnswer(pending.which, step.id, at);
    if (which === undefined) return noteFindings();
    // "Not sure which": every one of them counts, erring towards the more urgent level.
    for (const id of which === 'unsure' ? pending.which : [which]) turn.recordAnswer(id, which === 'unsure' ? 'unsure' : 'yes');
    delete state.anyYes;
    state.pending = undefined;
    return 'answered';
  }

  if (pending.any !== undefined) {
    const plainAny = answerFor(step.id, 'step', at);
    const detailedAny = plainAny === undefined && message.present.length > 0 ? at.services.vocabulary.detailAnswerOf(message.normalised) : undefined;
    const answer = plainAny ?? detailedAny;
    if (answer === undefined) return noteFindings();
    if (detailedAny !== undefined) turn.recordMessage();
    // A yes says one of them is happening, not which: that is asked next. No and not sure answer each.
    if (answer === 'yes') state.anyYes = [...pending.any];
    else for (const id of pending.any) turn.recordAnswer(id, answer);
    state.pending = undefined;
    return 'answered';
  }

  const plain = answerFor(pending.question ?? step.id, pending.question === undefined ? 'step' : 'question', at);
  // "no I'm awake, just drowsy": the answer, and the rest added to the case.
  const detailed = plain === undefined && pending.question !== undefined && message.present.length > 0 ? at.services.vocabulary.detailAnswerOf(message.normalised) : undefined;
  const answer = plain ?? detailed;
  if (answer === undefined) return noteFindings();
  if (pending.question !== undefined) {
    if (detailed !== undefined) turn.recordMessage();
    turn.recordAnswer(pending.question, answer);
    if (step.kind === 'screen') {
      state.pending = undefined;
      return 'answered';
    }
    return advance(state);
  }
  if (step.kind === 'ask_yes_no') {
    state.slots[step.ask.slot] = answer;
    if (step.ask.in_summary) noteAsked(session.case, { id: `${at.flow.id}.${step.id}`, answer });
  }
  return advance(state);
}

function advance(state: FlowState): 'answered' {
  state.pending = undefined;
  state.step += 1;
  return 'answered';
}

/** A yes/no answer from a button value (of this question's card only), a whole typed word, or (when no findings) a leading one. */
function answerFor(target: string, by: 'question' | 'step', at: StepContext): Answer | undefined {
  const { submit, answer, normalised } = at.turn.message;
  if (submit?.answer !== undefined) {
    const submitted = by === 'question' ? submit.question : submit.step;
    // A button of an older card answers nothing now.
    return submitted === undefined || submitted === target ? submit.answer : undefined;
  }
  if (answer !== undefined || by === 'step') return answer;
  // A staff button names what the answer means ("Wakes and answers").
  const question = at.services.knowledge.questions.get(target);
  if (question?.yes_means !== undefined && normalizePhrase(question.yes_means) === normalised) return 'yes';
  if (question?.no_means !== undefined && normalizePhrase(question.no_means) === normalised) return 'no';
  return undefined;
}

/** Which question of a combined check the reply picks (a button, or its words typed), or `unsure`. */
function whichAnswer(questions: readonly string[], stepId: string, at: StepContext): string | 'unsure' | undefined {
  const { submit, normalised, answer } = at.turn.message;
  if (submit !== undefined) {
    if (submit.step !== undefined && submit.step !== stepId) return undefined;
    if (submit.answer === 'unsure') return 'unsure';
    return questions.find((id) => id === submit.choice);
  }
  if (answer === 'unsure') return 'unsure';
  if (normalised === '') return undefined;
  return questions.find((id) => {
    const question = at.services.knowledge.questions.get(id);
    return question?.yes_means !== undefined && normalizePhrase(question.yes_means) === normalised;
  });
}

function choiceFor(choices: readonly Choice[], stepId: string, at: StepContext): Choice | undefined {
  const { submit, normalised } = at.turn.message;
  if (submit?.choice !== undefined) {
    return submit.step === undefined || submit.step === stepId ? choices.find((c) => c.id === submit.choice) : undefined;
  }
  if (normalised === '') return undefined;
  return choices.find((c) => [c.id, c.label.patient, c.label.staff, ...c.synonyms].some((phrase) => normalizePhrase(phrase) === normalised));
}

/** A choice that reports a finding becomes evidence like a message would be. */
function choiceAnalysis(choice: Choice, stepId: string, at: StepContext): Analysis {
  const text = at.services.wording.text(choice.label, at.session.voice);
  const evidence = { text, start: 0, end: text.length, rule: `choice ${choice.id} in ${at.flow.id}.${stepId}` };
  return { findings: [{ id: choice.adds_finding ?? '', status: 'present', evidence, modifiers: [] }], topics: [], isQuestion: false };
}
