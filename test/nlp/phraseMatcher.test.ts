import { bestPerKey, compilePhrase, longestFirst, PhraseMatcher } from '../../src/nlp/phraseMatcher';
import { FuzzyIndex, typoAllowance } from '../../src/nlp/fuzzyIndex';
import { tokenise } from '../../src/nlp/tokenise';

const TYPOS = { oneFrom: 5, twoFrom: 9, longestWord: 20 };

function matcherOf(phrases: Record<string, string[]>, notTypos: string[] = []) {
  const patterns = Object.entries(phrases).flatMap(([key, list]) => list.map((phrase) => ({ key, phrase, tokens: compilePhrase(phrase) })));
  return new PhraseMatcher(patterns, { maxGap: 2, fuzzy: TYPOS, notTypos: new Set(notTypos) });
}

const keys = (m: PhraseMatcher<string>, text: string) => longestFirst(m.match(tokenise(text))).map((x) => x.key);

describe('phrase matching', () => {
  const m = matcherOf({
    breathing: ["can't breathe", 'short of breath'],
    seizure: ['seizure'],
    fine: ['fine'],
    hallucinations: ['hallucinations'],
    fever: ['#fever_temp', 'temp #fever_temp'],
    persistent: ['for #num weeks'],
  });

  it('matches on stems and allows up to two extra words inside a phrase', () => {
    expect(keys(m, 'I am really short of my breath')).toEqual(['breathing']);
    expect(keys(m, 'I am short of all my own breath')).toEqual([]);
  });

  it('matches a word the stemmer cuts short only as typed ("ate" is not "at")', () => {
    const eating = matcherOf({ ate: ['he ate'] });
    expect(keys(eating, 'he ate two tablets')).toEqual(['ate']);
    expect(keys(eating, 'he was mad at me')).toEqual([]);
  });

  it('holds a word written "+word" right after the word before it, with no gap', () => {
    const bound = matcherOf({ self_harm: ['no point +anymore'], stopped: ['no point taking'] });
    expect(keys(bound, 'there is no point anymore')).toEqual(['self_harm']);
    expect(keys(bound, 'no point taking it anymore')).toEqual(['stopped']);
    expect(keys(bound, 'no point anymroe')).toEqual(['self_harm']);
  });

  it('does not match across sentences or punctuation', () => {
    expect(keys(m, "I can't. Breathe in slowly")).toEqual([]);
  });

  it('tolerates one typo in words of five letters or more', () => {
    expect(keys(m, 'sezure')).toEqual(['seizure']);
    expect(keys(m, 'hallucinatons')).toEqual(['hallucinations']);
  });

  it('needs short words spelled right, so "fits" is not "fine"', () => {
    expect(keys(m, 'fits')).toEqual([]);
    expect(keys(m, 'fine')).toEqual(['fine']);
  });

  it('never reads a listed real word as a typo', () => {
    const guarded = matcherOf({ tired: ['tired'] }, ['tried']);
    expect(keys(guarded, 'I tried it')).toEqual([]);
    expect(keys(guarded, 'so tierd')).toEqual(['tired']);
  });

  it('reads feverish temperatures but not doses', () => {
    expect(keys(m, 'it was 39.5 this morning')).toEqual(['fever']);
    expect(keys(m, '103F')).toEqual(['fever']);
    expect(keys(m, 'temp 39')).toEqual(['fever']);
    expect(keys(m, 'I take 40 mg')).toEqual([]);
    expect(keys(m, '37.2c')).toEqual([]);
  });

  it('matches number placeholders with digits and number words', () => {
    expect(keys(m, 'for 3 weeks')).toEqual(['persistent']);
    expect(keys(m, 'for two weeks')).toEqual(['persistent']);
  });

  it('keeps the longest of overlapping matches', () => {
    const overlapping = matcherOf({ short: ['breathe'], long: ["can't breathe"] });
    expect(keys(overlapping, "can't breathe")).toEqual(['long']);
  });
});

describe('typo bounds', () => {
  it.each([
    [4, 0],
    [5, 1],
    [8, 1],
    [9, 2],
    [20, 2],
    [21, 0],
  ])('a word of %i letters may carry %i typos', (length, allowance) => {
    expect(typoAllowance(length, TYPOS)).toBe(allowance);
  });

  it('looks up no word longer than the longest it allows, however long', () => {
    // CPU time, so that a busy test machine does not fail it.
    const started = process.cpuUsage();
    expect(new FuzzyIndex(['seizure'], TYPOS).lookup('s'.repeat(200_000))).toEqual([]);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(100);
  });

  it('keeps the first letter, so "sneezing" is not "wheezing"', () => {
    expect(new FuzzyIndex(['wheezing'], TYPOS).lookup('sneezing')).toEqual([]);
    expect(new FuzzyIndex(['wheezing'], TYPOS).lookup('wheezng')).toEqual(['wheezing']);
  });
});

describe('overlapping findings', () => {
  const m = matcherOf({ overdose: ['took all my pills'], on_purpose: ['pills on purpose'], short: ['breathe'], long: ["can't breathe"] });
  const best = (text: string) => bestPerKey(m.match(tokenise(text))).map((x) => x.key);

  it('keeps both of two findings that only partly overlap', () => {
    expect(best('I took all my pills on purpose')).toEqual(['overdose', 'on_purpose']);
  });

  it('drops a finding hidden inside a longer one', () => {
    expect(best("I can't breathe")).toEqual(['long']);
  });
});

describe('exact word forms', () => {
  const m = matcherOf({ confusion: ['=confused'], fainting: ['=fainted'] });

  it('matches only the form written after "="', () => {
    expect(keys(m, 'he is confused')).toEqual(['confusion']);
    expect(keys(m, 'the leaflet is confusing')).toEqual([]);
    expect(keys(m, 'I feel faint')).toEqual([]);
  });

  it('still tolerates a typo in that form', () => {
    expect(keys(m, 'she seems confussed')).toEqual(['confusion']);
  });
});

describe('counts', () => {
  const m = matcherOf({ too_many: ['took #many tablets'] });

  it('reads six or more as more than a dose, in digits or words', () => {
    expect(keys(m, 'he took 20 tablets')).toEqual(['too_many']);
    expect(keys(m, 'she took ten tablets')).toEqual(['too_many']);
    expect(keys(m, 'I took 2 tablets')).toEqual([]);
  });
});
