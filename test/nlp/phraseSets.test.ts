import { compilePhrase, longestFirst, PhraseMatcher, type Pattern } from '../../src/nlp/phraseMatcher';
import { PhraseSets } from '../../src/nlp/phraseSets';
import { sortSmall } from '../../src/nlp/sortSmall';
import { tokenise } from '../../src/nlp/tokenise';

const TYPOS = { policy: { oneFrom: 5, twoFrom: 9, longestWord: 20 }, notTypos: new Set(['tried']) };

function patterns(phrases: Record<string, string[]>): Pattern<string>[] {
  return Object.entries(phrases).flatMap(([key, list]) => list.map((phrase) => ({ key, phrase, tokens: compilePhrase(phrase) })));
}

const findings = patterns({ breathing: ["can't breathe", "can't really breathe"], seizure: ['seizure', 'having a fit'], tired: ['tired'], fever: ['temp #fever_temp'] });
const concepts = patterns({ face: ['face', 'lips'], swelling: ['swollen', 'puffed up'] });
const context = patterns({ negated: ['no', 'not'], hypothetical: ['what if'] });

describe('several phrase sets matched in one pass', () => {
  const sets = new PhraseSets(
    {
      findings: { patterns: findings, maxGap: 2, typos: true },
      concepts: { patterns: concepts, maxGap: 0, typos: true },
      context: { patterns: context, maxGap: 0, typos: false },
    },
    TYPOS,
  );
  const alone = {
    findings: new PhraseMatcher(findings, { maxGap: 2, fuzzy: TYPOS.policy, notTypos: TYPOS.notTypos }),
    concepts: new PhraseMatcher(concepts, { maxGap: 0, fuzzy: TYPOS.policy, notTypos: TYPOS.notTypos }),
    context: new PhraseMatcher(context, { maxGap: 0 }),
  };

  it.each([
    "what if he can't really breathe, no seizure",
    'lips swolen and face puffed up, temp 39.5',
    'I tried to rest but so tierd and having a massive fit',
    'not having a sezure. not tired',
  ])('finds in %j what each set finds on its own', (text) => {
    const tokens = tokenise(text);
    const together = sets.match(tokens);
    expect(together.findings).toEqual(alone.findings.match(tokens));
    expect(together.concepts).toEqual(alone.concepts.match(tokens));
    expect(together.context).toEqual(alone.context.match(tokens));
  });

  it('reads a word for typos only against the sets that read typos', () => {
    const { findings: f, context: c } = sets.match(tokenise('nott tierd'));
    expect(f.map((m) => m.typos)).toEqual([[{ typed: 'tierd', meant: 'tired' }]]);
    expect(c).toEqual([]);
  });

  it('refuses a set that reads typos when no typo options are given', () => {
    expect(() => new PhraseSets({ findings: { patterns: findings, maxGap: 2, typos: true } })).toThrow(/give the typo options/);
  });
});

describe('where a phrase word is taken', () => {
  const m = new PhraseMatcher(patterns({ ab: ['pump alarm'] }), { maxGap: 2 });

  it('takes each phrase word at the first place it fits within the gap', () => {
    const [match] = m.match(tokenise('pump alarm alarm'));
    expect([match.first, match.last, match.at]).toEqual([0, 1, [0, 1]]);
  });

  it('skips other words inside the gap, but no more of them', () => {
    expect(m.match(tokenise('pump makes an alarm')).map((x) => x.at)).toEqual([[0, 3]]);
    expect(m.match(tokenise('pump makes a loud alarm'))).toEqual([]);
  });

  it('keeps the content order of phrases that match the same words', () => {
    const twins = new PhraseMatcher(patterns({ first: ['pump alarm'], second: ['pump alarm'] }), { maxGap: 0 });
    expect(twins.match(tokenise('pump alarm')).map((x) => x.key)).toEqual(['first', 'second']);
    expect(longestFirst(twins.match(tokenise('pump alarm'))).map((x) => x.key)).toEqual(['first']);
  });
});

describe('small sorts', () => {
  it('sort stably, in place', () => {
    const items = [3, 1, 2, 1, 3].map((n, i) => ({ n, i }));
    expect(sortSmall(items, (a, b) => a.n - b.n).map((x) => x.i)).toEqual([1, 3, 2, 0, 4]);
  });
});
