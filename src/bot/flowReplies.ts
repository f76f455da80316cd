import type { Analysis, Answer } from '../triage/types';
import type { Choice, FlowStep } from './dialogSchema';
import type { FlowRun, FlowState } from './flowState';
import { normalizePhrase } from './phraseSet';
import type { SessionState } from './sessionState';
import { reportedFindings, type TurnInput } from './turnInput';

/** What a reply to the pending step was: its answer, findings to add, a topic question, or none of these. */
export type ReplyOutcome = 'answered' | 'noted' | 'aside' | 'not_understood';

/**
 * Reads the reply to the pending step and records it. Free text that is not an answer is not
 * dropped: findings are added to the conversation (`noted`), a topic question is answered
 * (`aside`); either way the step runs again (after deciding again) and asks its question again.
 */
export function readReply(run: FlowRun, step: FlowStep, state: FlowState, input: TurnInput, session: SessionState): ReplyOutcome {
  const pending = state.pending;
  if (pending === undefined) return 'answered';
  const caseState = session.case;
  const noteFindings = (): ReplyOutcome => {
    const { findings, topics } = input.analysis;
    if (findings.length === 0 && topics.length === 0) return 'not_understood';
    // Topics count too, as in the core: "how do I come off it?" is a prescriber matter.
    caseState.analyses.push(input.analysis);
    state.pending = undefined;
    // Nothing reported beside a topic (findings only hypothetical, negated or context): a question
    // ("what if I stop suddenly?", "is my pump safe?"), answered aside; context is kept all the same.
    return topics.length > 0 && reportedFindings(input.analysis, run.services.knowledge).length === 0 ? 'aside' : 'noted';
  };

  if (step.kind === 'ask_text') {
    if (input.text === '') return 'not_understood';
    if (input.analysis.findings.length > 0) caseState.analyses.push(input.analysis);
    state.slots[step.ask.slot] = 'given';
    return advance(state);
  }

  if (step.kind === 'ask_choice') {
    const choice = choiceFor(step.ask.choices, input, step.id);
    if (choice === undefined) return noteFindings();
    state.slots[step.ask.slot] = choice.id;
    if (step.ask.in_summary) caseState.asked.push({ id: `${run.flow.id}.${step.id}`, answer: choice.id });
    if (choice.adds_finding !== undefined) caseState.analyses.push(choiceAnalysis(run, choice, step.id, session));
    return advance(state);
  }

  const answer = answerFor(run, input, pending.question ?? step.id, pending.question === undefined ? 'step' : 'question');
  if (answer === undefined) return noteFindings();
  if (pending.question !== undefined) {
    caseState.answers[pending.question] = answer;
    caseState.asked.push({ id: pending.question, answer });
    if (step.kind === 'screen') {
      state.screened += 1;
      state.pending = undefined;
      return 'answered';
    }
    return advance(state);
  }
  if (step.kind === 'ask_yes_no') {
    state.slots[step.ask.slot] = answer;
    if (step.ask.in_summary) caseState.asked.push({ id: `${run.flow.id}.${step.id}`, answer });
  }
  return advance(state);
}

function advance(state: FlowState): 'answered' {
  state.pending = undefined;
  state.step += 1;
  return 'answered';
}

/** A yes/no answer from a button value, a whole typed word, or (when no findings) a leading one. */
function answerFor(run: FlowRun, input: TurnInput, target: string, by: 'question' | 'step'): Answer | undefined {
  const { vocabulary } = run.services;
  if (input.submit?.answer !== undefined) {
    const submitted = by === 'question' ? input.submit.question : input.submit.step;
    // A button of an older card answers nothing now.
    return submitted === undefined || submitted === target ? input.submit.answer : undefined;
  }
  return vocabulary.answerIn(input.text, input.analysis.findings.some((f) => f.status === 'present'));
}

function choiceFor(choices: readonly Choice[], input: TurnInput, stepId: string): Choice | undefined {
  if (input.submit?.choice !== undefined) {
    return input.submit.step === undefined || input.submit.step === stepId ? choices.find((c) => c.id === input.submit?.choice) : undefined;
  }
  const typed = normalizePhrase(input.text);
  if (typed === '') return undefined;
  return choices.find((c) => [c.id, c.label.patient, c.label.staff, ...c.synonyms].some((phrase) => normalizePhrase(phrase) === typed));
}

/** A choice that reports a finding becomes evidence like a message would be. */
function choiceAnalysis(run: FlowRun, choice: Choice, stepId: string, session: SessionState): Analysis {
  const text = run.services.wording.text(choice.label, session.voice);
  const evidence = { text, start: 0, end: text.length, rule: `choice ${choice.id} in ${run.flow.id}.${stepId}` };
  return { findings: [{ id: choice.adds_finding ?? '', status: 'present', evidence, modifiers: [] }], topics: [], isQuestion: false };
}
