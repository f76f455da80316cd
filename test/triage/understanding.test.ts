import { ContentError, createTriageEngine, parseKnowledge } from '../../src/triage';
import { TINY } from './tinyKnowledge';

/**
 * The content mechanisms that let the core read wording nobody listed: concepts combined in a
 * clause, registers rewritten before matching, number ranges, idioms, and corrections across
 * messages. Tiny inline content, so the engine is tested apart from the shipped knowledge base.
 */
function withContent(findings: (text: string) => string, context: (text: string) => string = (t) => t) {
  return parseKnowledge({ ...TINY, 'findings.yaml': findings(TINY['findings.yaml']), 'context.yaml': context(TINY['context.yaml']) }, 'tiny');
}

const CONCEPTS = `concepts:
  - { id: skin_part, description: where blue shows, words: [lips, face, fingers] }
  - { id: colour_blue, description: blue or grey, words: [blue, bluish, grey] }
  - { id: cannot, description: cannot, words: ["can't", no can] }
  - { id: wake, description: waking, words: [wake, rouse] }
modifiers:`;

const knowledge = withContent(
  (t) =>
    t
      .replace('modifiers:', CONCEPTS)
      .replace(
        `phrases: ["can't breathe", "trouble breathing", "short of breath"]`,
        `phrases: ["can't breathe", "trouble breathing", "short of breath", "respiratory rate #num:1-9"]
    combinations:
      - { all: [skin_part, colour_blue], within: 6 }`,
      )
      .replace(
        `phrases: ["seizure", "fitting", "having a fit"]`,
        `phrases: ["seizure", "fitting", "having a fit"]
    combinations:
      - { all: [cannot, wake], within: 4, in_order: true }`,
      ),
  (t) =>
    t.replace(
      'not_typos: [tried]',
      `not_typos: [tried]
registers:
  - { id: clinical, source: nursing notes, rewrite: { sob: short of breath, rr: respiratory rate } }
idioms: [fit and well]`,
    ),
);
const engine = createTriageEngine(knowledge);
const level = (...turns: string[]) => engine.decide(turns.map((t) => engine.analyse(t))).level;

describe('concepts combined in a clause', () => {
  it.each(['his lips have gone blue', 'her lips are going a bit bluish', 'blue lips', 'face grey'])('"%s" is the finding, in any order', (text) => {
    expect(level(text)).toBe('emergency');
  });

  it('needs the concepts within one clause', () => {
    expect(level('he wore his blue jumper, his lips are fine')).not.toBe('emergency');
  });

  it('is negated by a negation between its concepts ("lips not blue")', () => {
    expect(level('her lips not blue')).not.toBe('emergency');
  });

  it('keeps the order when the combination asks for it', () => {
    expect(level('she no can wake')).toBe('emergency');
    expect(level('wake up, I can\'t find my keys')).not.toBe('emergency');
  });
});

describe('registers rewrite words before matching', () => {
  it('reads clinical shorthand as the plain words', () => {
    expect(level('pt sob since lunch')).toBe('emergency');
  });

  it('refuses a phrase that uses a word a register rewrites, naming the word to use', () => {
    const broken = () =>
      withContent(
        (t) => t.replace(`"short of breath"]`, `"short of breath", "very sob"]`),
        (t) => t.replace('not_typos: [tried]', 'not_typos: [tried]\nregisters:\n  - { id: clinical, source: notes, rewrite: { sob: short of breath } }'),
      );
    expect(broken).toThrow(ContentError);
    expect(broken).toThrow(/uses "sob", which context.yaml registers rewrite to "short of breath"/);
  });
});

describe('number ranges', () => {
  it.each([
    ['rr 8', 'emergency'],
    ['respiratory rate of 6', 'emergency'],
    ['rr 16', 'info'],
  ])('"%s" is %s', (text, expected) => {
    expect(level(text)).toBe(expected);
  });
});

describe('idioms report nothing', () => {
  it('"fit and well" is not a fit', () => {
    expect(level('he is fit and well')).toBe('info');
    expect(level('he is having a fit')).toBe('emergency');
  });
});

describe('corrections across messages', () => {
  it('a later message that puts a finding in the past takes it back', () => {
    expect(level('she is having a seizure', 'sorry, I mean the seizure was years ago')).not.toBe('emergency');
  });

  it('a later message that denies a finding takes it back', () => {
    expect(level("I can't breathe", 'no, no trouble breathing now')).not.toBe('emergency');
  });

  it('a finding reported again after being denied counts again', () => {
    expect(level('no trouble breathing', "now I can't breathe")).toBe('emergency');
  });
});

describe('what a message says about the rest of the conversation', () => {
  const k = withContent(
    (t) =>
      t
        .replace(`phrases: ["can't breathe", "trouble breathing", "short of breath"]`, `phrases: ["can't breathe", "trouble breathing", "short of breath", "no air"]`)
        .replace(`    phrases: ["my pump"]`, `    ongoing: true\n    phrases: ["my pump"]`),
    (t) =>
      t.replace(
        'rules:',
        `rules:
  - { literal: "false alarm", category: correction, direction: none }
  - { literal: "just curious", category: general, direction: none }
  - { literal: "last year", category: historical, direction: bidirectional, max_scope: 6 }`,
      ),
  );
  const tiny = createTriageEngine({
    ...k,
    topics: new Map(Array.from(k.topics, ([id, t]) => [id, id === 'stopping' ? { ...t, level_when_general: 'info' as const } : t])),
  });
  const decideOver = (...turns: string[]) => tiny.decide(turns.map((t) => tiny.analyse(t)));

  it('a correction ("false alarm") takes back what earlier messages reported, and says so', () => {
    const result = decideOver('he is having a seizure', 'sorry, false alarm, he is just tired');
    expect(result.level).toBe('self-care');
    expect(result.ruledOut.find((f) => f.id === 'seizure')?.trigger?.text).toBe('false alarm');
  });

  it('a correction keeps context such as a pump, and what comes after it counts', () => {
    expect(decideOver('my pump is beeping', 'false alarm', 'now a temperature of 39.5').level).toBe('emergency');
  });

  it('a topic asked only to know is answered at its general level, a finding is never hidden so', () => {
    expect(decideOver('how do I come off it?').level).toBe('prescriber');
    expect(decideOver('how do I come off it? just curious').level).toBe('info');
    expect(decideOver('how do I taper? just curious', 'how do I come off it').level).toBe('prescriber');
    expect(decideOver('just curious, I took too many').level).toBe('urgent');
  });

  it('an earlier negation does not reach over a finding said as a negation ("no fever, no air")', () => {
    expect(decideOver('no fever, no air').level).toBe('emergency');
  });

  it('a lasting state put in the past still holds ("my pump, fitted last year"), an event does not', () => {
    const found = tiny.analyse('my pump was fitted last year, and he had a seizure last year').findings;
    expect(found.find((f) => f.id === 'pump_user')?.status).toBe('present');
    expect(found.find((f) => f.id === 'seizure')?.status).toBe('historical');
  });

  it('a lasting state already reported is not taken back by a later list of negatives', () => {
    const result = decideOver('my pump user has a temperature of 39.5', 'no seizure, my pump refilled last week');
    expect(result.findings.map((f) => f.id)).toContain('pump_user');
  });
});

describe('a later message that only says more of what was reported', () => {
  const k = withContent((t) => t.replace(`{ id: persistent, name: persistent, phrases: ["for #num weeks", "every day"] }`, `{ id: persistent, name: persistent, phrases: ["for #num weeks", "every day"], reach: message }`));
  const e = createTriageEngine(k);
  const over = (...turns: string[]) => e.decide(turns.map((t) => e.analyse(t))).level;

  it('describes the findings before it ("it has gone on for 3 weeks")', () => {
    expect(over('I feel drowsy', 'it has been like that for 3 weeks')).toBe('prescriber');
  });

  it('a message with a finding of its own keeps its modifiers to itself', () => {
    expect(over('I feel drowsy', 'and tired for 3 weeks')).toBe('self-care');
  });
});

describe('what makes a sentence a question', () => {
  const asking = createTriageEngine(
    withContent(
      (t) => t,
      (t) =>
        t.replace('question_openers: [what, how, is, are, can, should, does]', 'question_openers: [what, how, is, are, can, should, does, when, why]').replace(
          'not_typos: [tried]',
          `question_words: [what, how, when, why]
question_subjects: [it, he]
condition_openers: [when]
clause_links: [but]
presupposing_questions: { openers: [why], verbs: [is, does], persons: [my, he] }
not_typos: [tried]`,
        ),
    ),
  );
  const status = (text: string) => asking.analyse(text).findings.map((f) => f.status);

  it('a report said in alarm with "??" stays a report, even with "is" in it', () => {
    expect(status('my dad is fitting??')).toEqual(['present']);
  });

  it('an opener mid-clause asks when its subject follows it, or when it is a question word', () => {
    expect(status('like can it cause a seizure?')).toEqual(['hypothetical']);
    expect(status('ok but what if he has a seizure?')).toEqual(['hypothetical']);
  });

  it('an opener that starts a statement asks nothing without a question mark ("should add: …")', () => {
    expect(status('should add, he is fitting')).toEqual(['present']);
    expect(status('should he stop if he is fitting')).toEqual(['hypothetical']);
  });

  it('an opener whose clause ends at its subject names something, it does not ask ("is baclofen, he is fitting")', () => {
    expect(status('is baclofen, he is fitting')).toEqual(['present']);
    expect(status('is it dangerous if he is fitting')).toEqual(['hypothetical']);
  });

  it('a question that takes its report for granted reports it ("why is my dad fitting?")', () => {
    expect(status('why is my dad fitting?')).toEqual(['present']);
    expect(status('why does it cause a seizure?')).toEqual(['hypothetical']);
  });

  it('"when …," with no question mark is a condition and then a report', () => {
    expect(status('when I stand up, I feel dizzy')).toEqual(['present']);
    expect(status('when should I worry about dizzy spells')).toEqual(['hypothetical']);
  });
});
