import { foldAnalysis, MAX_EVIDENCE_CHARS, newCase, noteAdvice, noteAsked } from '../../../src/dialogs/caseRecord';
import { createTriageEngine } from '../../../src/triage';
import type { Analysis } from '../../../src/triage/types';
import { tinyBotKnowledge } from '../support/tinyKnowledge';

const knowledge = tinyBotKnowledge();
const engine = createTriageEngine(knowledge);
const fold = (analyses: readonly Analysis[]) => analyses.reduce((kept, next) => foldAnalysis(kept, next, knowledge), newCase().reported);
const correcting = (text: string): Analysis => ({
  ...engine.analyse(text),
  correction: { text: 'false alarm', start: 0, end: 11, rule: 'correction "false alarm"' },
});

describe('the case keeps one folded analysis', () => {
  it.each<[string, string[]]>([
    ['the same finding said twice, with a modifier the second time', ['I feel drowsy', 'drowsy for 3 weeks']],
    ['a finding ruled out, then reported', ['no fever', 'now I have a fever']],
    ['a finding reported, then ruled out', ['I have a fever', 'no fever now']],
    ['a finding reported, then put in the past', ['he had a seizure', 'no wait, that seizure was years ago', 'I feel nauseous']],
    ['reported, denied, reported again', ['I feel drowsy for 3 weeks', 'not drowsy', 'drowsy again']],
    ['a question about an emergency sign, then a report', ['what if he has a seizure?', 'I ran out of baclofen']],
    ['topics and findings mixed', ['can I drink alcohol?', 'I feel nauseous', 'I ran out', 'itchy and my pump is beeping']],
  ])('the core decides over it as over every message: %s', (_name, messages) => {
    const analyses = messages.map((m) => engine.analyse(m));
    const answers = { ask_fever: 'no' as const };
    expect(engine.decide([fold(analyses)], answers)).toEqual(engine.decide(analyses, answers));
  });

  it('the core decides over it as over every message: a correction takes back what came before', () => {
    const analyses = [engine.analyse('he had a seizure and I ran out of baclofen'), correcting('I feel nauseous')];
    const folded = fold(analyses);
    expect(engine.decide([folded])).toEqual(engine.decide(analyses));
    expect(folded.findings.filter((f) => f.status === 'present').map((f) => f.id)).toEqual(['nausea']);
    expect(folded.findings.find((f) => f.id === 'seizure')).toMatchObject({ status: 'negated', trigger: { text: 'false alarm' } });
  });

  it('holds each finding once per status however often it is said', () => {
    const folded = fold(Array.from({ length: 50 }, () => engine.analyse('I feel nauseous and drowsy, no fever')));
    expect(folded.findings.map((f) => `${f.id}:${f.status}`)).toEqual(['nausea:present', 'drowsiness:present', 'fever:negated']);
  });

  it('cuts long evidence', () => {
    const text = 'x'.repeat(5_000);
    const long: Analysis = { findings: [{ id: 'nausea', status: 'present', evidence: { text, start: 0, end: text.length, rule: 'test' }, modifiers: [] }], topics: [], isQuestion: false };
    expect(fold([long]).findings[0]?.evidence.text.length).toBeLessThanOrEqual(MAX_EVIDENCE_CHARS);
  });
});

describe('what the summary keeps', () => {
  it('each question once, with its latest answer, and each advice once, the latest last', () => {
    const c = newCase();
    noteAsked(c, { id: 'ask_fever', answer: 'no' });
    noteAsked(c, { id: 'ask_breathing', answer: 'no' });
    noteAsked(c, { id: 'ask_fever', answer: 'yes' });
    noteAdvice(c, 'self_care_general');
    noteAdvice(c, 'urgent_withdrawal');
    noteAdvice(c, 'self_care_general');
    expect(c.asked).toEqual([{ id: 'ask_fever', answer: 'yes' }, { id: 'ask_breathing', answer: 'no' }]);
    expect(c.advice).toEqual(['urgent_withdrawal', 'self_care_general']);
  });
});
