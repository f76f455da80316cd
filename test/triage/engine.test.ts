import { createTriageEngine } from '../../src/triage';
import { tinyKnowledge } from './tinyKnowledge';

const engine = createTriageEngine(tinyKnowledge());
const levelOf = (text: string) => engine.triage(text).level;

describe('levels from single findings', () => {
  it.each([
    ["I can't breathe", 'emergency'],
    ['my wife is fitting', 'emergency'],
    ['seeing things', 'urgent'],
    ['a bit dizzy', 'self-care'],
    ['what is baclofen?', 'info'],
    ['how do I come off baclofen', 'prescriber'],
  ])('%j is %s', (text, level) => {
    expect(levelOf(text)).toBe(level);
  });
});

describe('negation and questions', () => {
  it('does not count a finding the person rules out', () => {
    const result = engine.triage('dizzy but no trouble breathing');
    expect(result.level).toBe('self-care');
    expect(result.ruledOut.map((f) => f.id)).toEqual(['breathing_difficulty']);
  });

  it('treats a question about a symptom as a question, not a report', () => {
    const result = engine.triage('what are the signs of a seizure?');
    expect(result.level).toBe('info');
    expect(engine.analyse('what are the signs of a seizure?').findings[0].status).toBe('hypothetical');
  });

  it('reads "is it normal to feel sleepy?" as a report of sleepiness', () => {
    expect(levelOf('is it normal to feel sleepy?')).toBe('self-care');
  });

  it('reads a bare question with no report marker as hypothetical', () => {
    expect(engine.analyse('can baclofen make you drowsy?').findings[0].status).toBe('hypothetical');
  });
});

describe('combinations: the most urgent rule wins', () => {
  it('makes withdrawal with a fever an emergency', () => {
    const result = engine.triage('I stopped my baclofen and my temperature is 39.4');
    expect(result.level).toBe('emergency');
    expect(result.category).toBe('withdrawal');
    expect(result.reasons[0].rule).toBe('rule:withdrawal_danger');
    expect(result.dispositionId).toBe('emergency_withdrawal');
  });

  it('makes too much baclofen with drowsiness an emergency, but not with mild drowsiness', () => {
    expect(levelOf('took too many and now sleepy')).toBe('emergency');
    expect(levelOf('took too many and a bit sleepy')).toBe('urgent');
  });

  it('applies a near modifier only to the finding it touches', () => {
    const findings = engine.triage('took too many, a bit dizzy and very sleepy').findings;
    expect(findings.find((f) => f.id === 'drowsiness')?.modifiers).toEqual(['severe']);
    expect(findings.find((f) => f.id === 'dizziness')?.modifiers).toEqual(['mild']);
  });

  it('lets the nearer of two intensifiers speak for a finding', () => {
    const drowsiness = engine.triage('she is fine, very, a bit sleepy after lunch').findings.find((f) => f.id === 'drowsiness');
    expect(drowsiness?.modifiers).toEqual(['mild']);
    expect(engine.triage('a bit worried, very sleepy').findings.find((f) => f.id === 'drowsiness')?.modifiers).toEqual(['severe']);
  });

  it('moves a common side effect by its modifiers', () => {
    expect(levelOf('very sleepy')).toBe('urgent');
    expect(levelOf('dizzy every day for 3 weeks')).toBe('prescriber');
  });
});

describe('screening questions', () => {
  it('asks only questions whose yes would raise the level, most urgent first', () => {
    const result = engine.triage('I feel sleepy');
    expect(result.questions).toEqual(['ask_breathing']);
  });

  it('never asks before answering an emergency', () => {
    expect(engine.triage("sleepy and can't breathe").questions).toEqual([]);
  });

  it('raises the level on a yes, and on "unsure"', () => {
    expect(engine.triage('I feel sleepy', { ask_breathing: 'yes' }).level).toBe('emergency');
    expect(engine.triage('I feel sleepy', { ask_breathing: 'unsure' }).level).toBe('emergency');
  });

  it('keeps the level on a no and stops asking', () => {
    const result = engine.triage('I feel sleepy', { ask_breathing: 'no' });
    expect(result.level).toBe('self-care');
    expect(result.questions).toEqual([]);
    expect(result.ruledOut.map((f) => f.id)).toContain('breathing_difficulty');
  });

  it('does not ask about what the person already ruled out', () => {
    expect(engine.triage('sleepy, no trouble breathing').questions).toEqual([]);
  });
});

describe('explanations', () => {
  it('carries the matched words and the rule for every finding', () => {
    const text = 'My dad had a sezure';
    const [finding] = engine.triage(text).findings;
    expect(finding.evidence.text).toBe('sezure');
    expect(text.slice(finding.evidence.start, finding.evidence.end)).toBe('sezure');
    expect(finding.evidence.rule).toBe('phrase "seizure" (typo "sezure" for "seizure")');
  });

  it('lists every rule that fired, the deciding one first', () => {
    const rules = engine.triage('stopped taking it, 39.5 and seeing things').reasons.map((r) => r.rule);
    expect(rules[0]).toBe('rule:withdrawal_danger');
    expect(rules).toEqual(expect.arrayContaining(['finding:hallucinations', 'finding:stopped_suddenly', 'finding:fever']));
  });

  it('says so when nothing was recognised', () => {
    const result = engine.triage('hello there');
    expect(result).toMatchObject({ level: 'info', category: 'unrecognised', findings: [] });
    expect(result.reasons[0].rule).toBe('default');
  });
});

describe('conversations', () => {
  it('decides over every message so far', () => {
    const first = engine.analyse('I stopped my baclofen');
    const second = engine.analyse('now I am hallucinating');
    expect(engine.decide([first]).level).toBe('urgent');
    expect(engine.decide([first, second]).level).toBe('emergency');
  });

  it('is deterministic', () => {
    const text = 'took too many and a bit sleepy, no trouble breathing';
    expect(engine.triage(text)).toEqual(engine.triage(text));
  });
});

describe('questions about emergency signs', () => {
  it('answers the question and checks whether it is happening now', () => {
    const result = engine.triage('what should I do if someone has trouble breathing?');
    expect(result.level).toBe('info');
    expect(result.questions).toEqual(['ask_breathing']);
    expect(engine.triage('what should I do if someone has trouble breathing?', { ask_breathing: 'yes' }).level).toBe('emergency');
  });
});

describe('context that sets no level on its own', () => {
  it('keeps an info-tier finding for the rules but gives no level or questions for it alone', () => {
    const result = engine.triage('I have a question about my pump');
    expect(result.level).toBe('info');
    expect(result.findings.map((f) => f.id)).toEqual(['pump_user']);
    expect(result.questions).toEqual([]);
  });

  it('lets the context count in a combination', () => {
    expect(engine.triage('my pump, and now I am hallucinating').level).toBe('emergency');
  });
});

describe('history', () => {
  it('does not count what is over', () => {
    const [finding] = engine.analyse('I had a seizure years ago').findings;
    expect(finding.status).toBe('historical');
    expect(engine.triage('I had a seizure years ago').level).toBe('info');
  });

  it('still counts what is happening now in the same message', () => {
    expect(engine.triage("seizure years ago. Now I can't breathe").level).toBe('emergency');
  });
});

describe('a report and a question in one sentence', () => {
  it('counts what is reported before the question', () => {
    const result = engine.triage('I stopped my baclofen yesterday, what happens now?');
    expect(result.level).toBe('urgent');
    expect(result.findings.map((f) => f.id)).toEqual(['stopped_suddenly']);
  });

  it('still reads what the question asks about as a question', () => {
    expect(engine.analyse('a bit dizzy, can it cause seizures?').findings.map((f) => [f.id, f.status])).toEqual([
      ['dizziness', 'present'],
      ['seizure', 'hypothetical'],
    ]);
  });
});
