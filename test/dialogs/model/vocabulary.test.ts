import { normalizePhrase, PhraseSet } from '../../../src/dialogs/phraseSet';
import { Vocabulary } from '../../../src/dialogs/vocabulary';

const vocabulary = new Vocabulary({
  version: 't',
  commands: { help: ['help'], restart: ['start over'], cancel: ['cancel'], staff_mode: ['staff mode'], patient_mode: ['patient mode'] },
  answers: { yes: ['yes', 'y'], no: ['no', 'nope'], unsure: ['not sure', "don't know", 'no idea'] },
  closings: ['no thanks'],
  detail_answers: ['yes', 'no'],
  implied_answers: { not_after: ['not', 'wasnt'], answers: [{ question: 'ask_intent', answer: 'no', phrases: ['by mistake', 'accidentally'] }] },
  greetings: ['hello', 'good morning'],
  report_words: ['hurts'],
  person_words: ['my husband'],
  other_language_words: ['mi', 'esposo', 'respira'],
}, ['what', "what's", 'can']);

describe('normalizePhrase', () => {
  it.each([
    ['Start over!', 'start over'],
    ["Don't know", 'dont know'],
    ['don’t  KNOW.', 'dont know'],
    ['  ¿sí?  ', 'sí'],
  ])('%j → %j', (text, normalized) => expect(normalizePhrase(text)).toBe(normalized));
});

describe('PhraseSet', () => {
  const set = new PhraseSet(['no', 'no idea']);
  it('matches whole messages only', () => {
    expect(set.matches('No.')).toBe(true);
    expect(set.matches('no he is fine')).toBe(false);
  });
  it('finds the longest leading phrase at a word boundary', () => {
    expect(set.prefixOf('no idea really')).toBe('no idea');
    expect(set.prefixOf('no, he is fine')).toBe('no');
    expect(set.prefixOf('nobody')).toBeUndefined();
  });
});

describe('Vocabulary', () => {
  it.each([
    ['help', 'help'],
    ['Start over', 'restart'],
    ['STAFF MODE', 'staff_mode'],
    ['help me breathe', undefined],
  ])('command(%j) is %j', (text, command) => expect(vocabulary.command(text)).toBe(command));

  it.each([
    ['Y', 'yes'],
    ['nope', 'no'],
    ['Not sure!', 'unsure'],
    ['dont know', 'unsure'],
    ['no idea', 'unsure'],
    ['maybe', undefined],
  ])('exactAnswer(%j) is %j', (text, answer) => expect(vocabulary.exactAnswer(text)).toBe(answer));

  it('reads a leading answer, the longest phrase winning', () => {
    expect(vocabulary.leadingAnswer('no, she is fine')).toBe('no');
    expect(vocabulary.leadingAnswer('no idea at all')).toBe('unsure');
    expect(vocabulary.leadingAnswer('nobody knows')).toBeUndefined();
  });

  it('takes only a whole-message answer from a message that reports findings', () => {
    expect(vocabulary.answerIn('no, she is fine')).toBe('no');
    expect(vocabulary.answerIn('no, she is fine', true)).toBeUndefined();
    expect(vocabulary.answerIn('nope', true)).toBe('no');
  });

  it.each([
    ['I took an extra one by mistake', { ask_intent: 'no' }],
    ['he accidentally took two', { ask_intent: 'no' }],
    ['it was not by mistake', {}],
    ['it wasnt accidentally', {}],
    ['I took too many', {}],
  ])('impliedAnswersOf(%j) is %j: what the words already answer', (text, answers) => {
    expect(vocabulary.impliedAnswersOf(normalizePhrase(text))).toEqual(answers);
  });
});

describe('opensQuestion', () => {
  it.each([
    ['Can I drink alcohol', true],
    ["What's the dose", true],
    ['  what if I stop', true],
    ['I can walk', false],
    ['', false],
  ])('%j → %j', (clause, expected) => expect(vocabulary.opensQuestion(clause)).toBe(expected));
});
