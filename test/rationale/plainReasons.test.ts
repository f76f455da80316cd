import { createTriageEngine, loadKnowledge } from '../../src/triage';
import { plainReasons, questionInPlainWords, recordIds } from '../../src/rationale';
import type { Level } from '../../src/knowledge/schema';

const knowledge = loadKnowledge();
const levelName = (level: Level) => level.toUpperCase();
const engine = createTriageEngine(knowledge);
const decisionFor = (text: string) => engine.triage(text);

describe('staff rationale in plain words', () => {
  it('says which findings added up to what: stopped baclofen and a high temperature make a withdrawal emergency', () => {
    const lines = plainReasons(decisionFor('I ran out of baclofen two days ago and now I have a high temperature'), knowledge, levelName);
    expect(lines[0]).toBe('Run out of baclofen + high temperature → withdrawal emergency');
  });

  it('names a finding that sets the level on its own, and the level', () => {
    expect(plainReasons(decisionFor('he is having a seizure'), knowledge, levelName)).toContain('Seizure or fit → EMERGENCY');
  });

  it('never shows an id, a rule kind or a matched-phrase note', () => {
    for (const text of ['I ran out of baclofen and feel confused', 'I took a double dose and feel very sleepy', 'can I drink alcohol?', 'I feel a bit dizzy']) {
      for (const line of plainReasons(decisionFor(text), knowledge, levelName)) {
        expect(line).not.toMatch(/\b(rule|finding|modifier|topic):|phrase "|_[a-z]/);
      }
    }
  });

  it('reads a screening question as staff ask it, without the "Ask:" cue', () => {
    expect(questionInPlainWords('ask_breathing', knowledge)).toBe('is the patient having any trouble breathing, or is their breathing slow or shallow?');
  });

  it('keeps the ids for the record: findings and the combination rules that fired', () => {
    const ids = recordIds(decisionFor('I ran out of baclofen two days ago and now I have a high temperature'));
    expect(ids.findings).toEqual(expect.arrayContaining(['ran_out', 'fever']));
    expect(ids.rules).toContain('withdrawal_with_danger_sign');
  });
});

describe('rule summaries in the knowledge base', () => {
  it('every combination rule has a short summary a clinician reads', () => {
    for (const rule of knowledge.rules) expect(rule.summary).toMatch(/^[a-z][a-z ,:]+$/);
  });
});
