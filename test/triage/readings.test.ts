import { createTriageEngine, loadKnowledge } from '../../src/triage';

/**
 * How the engine weighs what it found, on the shipped knowledge base: which of two overlapping
 * findings speaks, what a later denial takes back, what a topic said of the past asks.
 */
const engine = createTriageEngine(loadKnowledge());
const decide = (...turns: string[]) => engine.decide(turns.map((t) => engine.analyse(t)));
const ids = (...turns: string[]) => decide(...turns).findings.map((f) => f.id);

describe('a finding that overrides another', () => {
  it('stands in for the words it shares with it ("wants to stop" is not a stop)', () => {
    expect(ids('he wants to stop his baclofen')).toContain('wants_to_stop');
    expect(ids('he wants to stop his baclofen')).not.toContain('stopped_suddenly');
  });

  it('does not hide a finding that holds all its words and says more ("decided to stop the baclofen on Sunday")', () => {
    expect(ids('I decided to stop the baclofen on Sunday')).toContain('stopped_suddenly');
  });
});

describe('a later message that denies one symptom of a finding of several', () => {
  it('does not take back the other ("a bit queasy", then "she hasn\'t been sick")', () => {
    const result = decide('She has been a bit queasy after her tablets.', "No, she hasn't been sick at all.");
    expect(result.findings.map((f) => f.id)).toContain('nausea');
    expect(result.level).toBe('self-care');
  });

  it('takes it back when the same words are denied', () => {
    expect(ids('she has been a bit queasy', 'sorry, not queasy at all, I was thinking of someone else')).not.toContain('nausea');
  });

  it('a finding of one symptom is taken back in any words ("he fell", then "he didn\'t fall")', () => {
    expect(ids('HE FELL!!! on baclofen', "sorry sorry, he didn't fall, he felt wobbly and sat down")).not.toContain('fall');
  });
});

describe('a finding said again', () => {
  it('in measured words takes back an earlier intensifier ("really sleepy", then "just a bit dozy")', () => {
    expect(decide('my son is really sleepy since he started baclofen').level).toBe('urgent');
    expect(decide('my son is really sleepy since he started baclofen', 'he wakes up fine, he is just a bit sleepy').level).toBe('self-care');
  });

  it('with the intensifier again keeps it', () => {
    expect(decide('my son is really sleepy', 'a bit sleepy, no, really really sleepy').level).toBe('urgent');
  });
});

describe('a lasting state (a pump)', () => {
  it('is not denied by the "no" of a list before it ("No pump alarm, refill was last month")', () => {
    expect(decide("No pump alarm, refill was last month and the nurse said it's fine. Temp was 38.3 and he's muddled").level).toBe('emergency');
  });

  it('is denied by a "no" right before it', () => {
    expect(ids('he has no pump')).not.toContain('pump_user');
    expect(ids('Apyrexial, no new sx, no ITB.')).not.toContain('pump_user');
  });
});

describe('a question word inside a sentence', () => {
  it('as a relative pronoun asks nothing ("went to bed early which is normal for him … his lips look blue??")', () => {
    expect(decide('my dad went to bed early which is normal for him but his breathing sounds weird n his lips look kinda blue??').level).toBe('emergency');
  });
});

describe('idioms', () => {
  it('say nothing of time or severity: how long someone has been on baclofen is not how long a symptom has lasted', () => {
    expect(decide('she has been on baclofen for a fortnight now and is rather constipated').level).toBe('self-care');
    expect(decide('she has been constipated for a fortnight now').level).toBe('prescriber');
  });
});

describe('topics', () => {
  it('a medicine taken years ago asks nothing about taking it with baclofen', () => {
    expect(decide('how is baclofen different from the diazepam I had years ago?').level).toBe('info');
    expect(decide('can I take diazepam with my baclofen?').level).toBe('prescriber');
  });
});

describe('a topic said as the person\'s own', () => {
  it('is not made general by a general marker elsewhere ("my kidney is not good … I want know")', () => {
    expect(decide('My kidney is not good, doctor say kidney work only little. I want know if is problem.').level).toBe('prescriber');
    expect(decide('I want know, is baclofen a problem for the kidney?').level).toBe('info');
  });
});

describe('a sentence that opens with "when" and no question mark', () => {
  it('reports what follows ("When I went in to her this morning her lips had swollen up")', () => {
    expect(decide('When I went in to her this morning her lips and tongue had swollen up and her face looks puffy').level).toBe('emergency');
  });
});

describe('a plan to take another medicine', () => {
  it('is said in the words of a wish and still counts', () => {
    expect(decide('the dentist wants to take out a tooth and she said to take co-codamol afterwards, can I take both with baclofen?').level).toBe('prescriber');
  });
});
