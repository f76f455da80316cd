import { holds, type ConditionScope } from '../../../src/dialogs/conditions';
import { newCase } from '../../../src/dialogs/caseRecord';
import { readMessage, Turn } from '../../../src/dialogs/turn';
import type { Condition } from '../../../src/dialogs/dialogSchema';
import { Vocabulary } from '../../../src/dialogs/vocabulary';
import { createTriageEngine } from '../../../src/triage';
import { tinyBotKnowledge } from '../support/tinyKnowledge';

const knowledge = tinyBotKnowledge();
const engine = createTriageEngine(knowledge);
const vocabulary = new Vocabulary({
  version: '1',
  commands: { help: ['help'], restart: ['restart'], cancel: ['cancel'], staff_mode: ['staff mode'], patient_mode: ['patient mode'] },
  answers: { yes: ['yes', 'yeah'], no: ['no'], unsure: ['not sure'] },
  closings: ['no thanks'],
  detail_answers: ['yes', 'no'],
  implied_answers: { not_after: ['not', 'wasnt'], answers: [{ question: 'ask_intent', answer: 'no', phrases: ['by mistake', 'accidentally'] }] },
  greetings: ['hello'],
  report_words: ['hurts'],
  person_words: ['my husband'],
  other_language_words: ['esposo', 'respira'],
}, knowledge.context.question_openers);

/** The routes' view of `message`, after "I ran out of baclofen" (the case), "no" to ask_fever and "anything else?". */
function scope(message: string, extra: Partial<ConditionScope> = {}): ConditionScope {
  const readers = { engine, vocabulary, knowledge };
  const caseState = { ...newCase(), reported: engine.analyse('I ran out of baclofen'), answers: { ask_fever: 'no' as const } };
  const turn = new Turn(readMessage(message, undefined, readers), readers, () => caseState);
  const session = { voice: 'patient' as const, lastReplyId: 'wrap_up.anything_else', case: caseState };
  const base = turn.scope('message', session, { situation: 'pump' });
  return { ...base, ...extra };
}

describe('holds', () => {
  it.each<[string, Condition, string, boolean]>([
    ['level', { level: ['urgent'] }, 'hello', true],
    ['level_at_least (urgent is at least prescriber)', { level_at_least: 'prescriber' }, 'hello', true],
    ['level_at_least (urgent is not emergency)', { level_at_least: 'emergency' }, 'hello', false],
    ['finding from an earlier message', { finding: 'ran_out' }, 'hello', true],
    ['any_finding', { any_finding: ['pump_fault', 'ran_out'] }, 'hello', true],
    ['group', { group: 'withdrawal_context' }, 'hello', true],
    ['answer', { answer: { question: 'ask_fever', is: ['no'] } }, 'hello', true],
    ['slot', { slot: { name: 'situation', is: ['pump'] } }, 'hello', true],
    ['voice', { voice: 'staff' }, 'hello', false],
    ['message_has_findings is about this message only', { message_has_findings: true }, 'hello', false],
    ['message_has_findings', { message_has_findings: true }, 'I feel nauseous', true],
    ['a negated finding is not reported', { message_has_findings: true }, 'no fever', false],
    ['context alone is not reported (tier info)', { message_has_findings: true }, 'I have a question about my pump', false],
    ['context beside a report', { message_has_findings: true }, 'my pump and I am itchy', true],
    ['message_has_context', { message_has_context: true }, 'I have a question about my pump', true],
    ['message_has_context: a report is not context', { message_has_context: true }, 'I feel nauseous', false],
    ['message_finding', { message_finding: 'nausea' }, 'I feel nauseous', true],
    ['message_group is about this message only', { message_group: 'withdrawal_context' }, 'I feel nauseous', false],
    ['message_has_topics', { message_has_topics: true }, 'what is baclofen for?', true],
    ['message_is_question', { message_is_question: true }, 'what is baclofen for?', true],
    ['message_is_closing', { message_is_closing: true }, 'No thanks!', true],
    ['message_answer: the whole message', { message_answer: ['yes', 'unsure'] }, 'Yeah!', true],
    ['message_answer: the first words', { message_answer: ['unsure'] }, 'not sure, maybe', true],
    ['message_answer: another answer', { message_answer: ['yes'] }, 'no', false],
    ['message_answer: no answer word', { message_answer: ['yes'] }, 'yesterday he was fine', false],
    ['after_reply', { after_reply: ['information.anything_else', 'wrap_up.anything_else'] }, 'hello', true],
    ['after_reply: something else was said last', { after_reply: ['information.anything_else'] }, 'hello', false],
    ['all', { all: [{ finding: 'ran_out' }, { voice: 'patient' }] }, 'hello', true],
    ['any', { any: [{ voice: 'staff' }, { finding: 'ran_out' }] }, 'hello', true],
    ['not', { not: { finding: 'ran_out' } }, 'hello', false],
  ])('%s', (_name, condition, message, expected) => {
    expect(holds(condition, scope(message))).toBe(expected);
  });
});

describe('message_changes_advice', () => {
  const advised = { standingAdvice: { level: 'urgent' as const, findings: ['ran_out'] } };
  it.each<[string, string, Partial<ConditionScope>, boolean]>([
    ['no advice stands yet', 'I feel nauseous', {}, false],
    ['a finding the advice was not given for', 'I feel nauseous', advised, true],
    ['only what the advice was given for', 'I have run out', advised, false],
    ['no finding at all', 'yes', advised, false],
    ['a negated finding', 'no nausea', advised, false],
    ['a finding that makes the case more urgent than the advice shown', 'I have run out', { standingAdvice: { level: 'prescriber', findings: ['ran_out'] } }, true],
  ])('%s', (_name, message, extra, expected) => {
    expect(holds({ message_changes_advice: true }, scope(message, extra))).toBe(expected);
    expect(holds({ message_changes_advice: false }, scope(message, extra))).toBe(!expected);
  });
});

describe('message_raises_level', () => {
  // The case is urgent (ran out) whatever the message; levelBefore is the level without it.
  it.each<[string, Partial<ConditionScope>, boolean]>([
    ['more urgent than before', { levelBefore: 'prescriber' }, true],
    ['as urgent as before', { levelBefore: 'urgent' }, false],
    ['no level before known', {}, false],
  ])('%s', (_name, extra, expected) => {
    expect(holds({ message_raises_level: true }, scope('my pump', extra))).toBe(expected);
  });
});

describe('advice_stands', () => {
  // The case has run out of baclofen (urgent) whatever the message.
  it.each<[string, string, Partial<ConditionScope>, boolean]>([
    ['no advice shown yet', 'hello', {}, false],
    ['the advice shown fits the case', 'hello', { standingAdvice: { level: 'urgent', findings: ['ran_out'] } }, true],
    ['a finding the advice was not given for', 'I feel nauseous', { standingAdvice: { level: 'urgent', findings: ['ran_out'] } }, false],
    ['the case is more urgent than the advice shown', 'hello', { standingAdvice: { level: 'prescriber', findings: ['ran_out'] } }, false],
  ])('%s', (_name, message, extra, expected) => {
    expect(holds({ advice_stands: true }, scope(message, extra))).toBe(expected);
    expect(holds({ advice_stands: false }, scope(message, extra))).toBe(!expected);
  });
});
