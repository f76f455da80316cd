import { ContextMatcher, contextOf, type ContextTrigger } from '../../src/nlp/context';
import { compilePhrase, PhraseMatcher } from '../../src/nlp/phraseMatcher';
import { tokenise } from '../../src/nlp/tokenise';

const RULES: ContextTrigger[] = [
  { literal: 'no', category: 'negated', direction: 'forward' },
  { literal: 'not', category: 'negated', direction: 'forward' },
  { literal: 'never had', category: 'negated', direction: 'forward' },
  { literal: 'is fine', category: 'negated', direction: 'backward', max_scope: 4 },
  { literal: 'no change', category: 'pseudo', direction: 'none' },
  { literal: 'but', category: 'terminate', direction: 'none' },
  { literal: 'what happens if', category: 'hypothetical', direction: 'forward' },
];
const FINDINGS = ["can't breathe", 'trouble breathing', 'breathing', 'confused', 'seizure', 'dizzy', 'stop', 'spasms'];

function statusOf(text: string, finding: string): string {
  const tokens = tokenise(text);
  const matcher = new PhraseMatcher(FINDINGS.map((p) => ({ key: p, phrase: p, tokens: compilePhrase(p) })), { maxGap: 0 });
  const spans = matcher.match(tokens);
  const span = spans.find((s) => s.key === finding);
  if (span === undefined) return 'absent';
  const triggers = new ContextMatcher(RULES).find(tokens, spans.filter((s) => s.size > 1));
  return contextOf(span, tokens, triggers).status;
}

/** The context of the word "seizure" in a text, under `rules` alone. */
function seizureStatusUnder(rules: readonly ContextTrigger[]): (text: string) => string {
  const matcher = new PhraseMatcher([{ key: 's', phrase: 'seizure', tokens: compilePhrase('seizure') }], { maxGap: 0 });
  const triggers = new ContextMatcher(rules);
  return (text) => {
    const tokens = tokenise(text);
    const [span] = matcher.match(tokens);
    return contextOf(span, tokens, triggers.find(tokens, [])).status;
  };
}

describe('NegEx scope', () => {
  it.each([
    ['no trouble breathing', 'trouble breathing', 'negated'],
    ['breathing is fine', 'breathing', 'negated'],
    ['not confused', 'confused', 'negated'],
    ['I never had a seizure', 'seizure', 'negated'],
    ["I can't breathe", "can't breathe", 'present'],
    ['not dizzy but confused', 'confused', 'present'],
    ['not dizzy but confused', 'dizzy', 'negated'],
    ['no change in my spasms', 'spasms', 'present'],
    ['what happens if I stop', 'stop', 'hypothetical'],
    ['dizzy. no seizure', 'dizzy', 'present'],
  ])('%j: %s is %s', (text, finding, status) => {
    expect(statusOf(text, finding)).toBe(status);
  });

  it('limits a backward trigger to its scope and stops it at a comma', () => {
    expect(statusOf('confused, breathing is fine', 'confused')).toBe('present');
  });
});

describe('precedence of context', () => {
  const rules: ContextTrigger[] = [
    { literal: 'no', category: 'negated', direction: 'forward' },
    { literal: 'years ago', category: 'historical', direction: 'bidirectional', max_scope: 6 },
    { literal: 'what if', category: 'hypothetical', direction: 'forward' },
  ];

  it('prefers negated over historical over hypothetical', () => {
    expect(seizureStatusUnder(rules)('what if no seizure years ago')).toBe('negated');
  });
});

describe('what a terminating trigger ends', () => {
  const rules: ContextTrigger[] = [
    { literal: 'no', category: 'negated', direction: 'forward' },
    { literal: 'what if', category: 'hypothetical', direction: 'forward' },
    { literal: 'my', category: 'terminate', direction: 'none', terminates: ['negated'] },
  ];
  const statusIn = seizureStatusUnder(rules);

  it('ends only the scopes it names', () => {
    expect(statusIn('no fever, my son had a seizure')).toBe('present');
    expect(statusIn('what if my son has a seizure')).toBe('hypothetical');
  });
});

describe('history said after a comma', () => {
  const rules: ContextTrigger[] = [
    { literal: 'years ago', category: 'historical', direction: 'bidirectional', max_scope: 8 },
    { literal: 'is fine', category: 'negated', direction: 'backward', max_scope: 4 },
    { literal: 'now', category: 'terminate', direction: 'none' },
  ];
  const statusIn = seizureStatusUnder(rules);

  it('reaches back over the one comma right before it', () => {
    expect(statusIn('he had a seizure, years ago')).toBe('historical');
  });

  it('does not reach over a second comma, a word of the present, a clause said after it, or stand in for a negation', () => {
    expect(statusIn('a seizure, in the garden, years ago')).toBe('present');
    expect(statusIn('he is having a seizure, years ago he had one too')).toBe('present');
    expect(statusIn('he is having a seizure now, years ago too')).toBe('present');
    expect(statusIn('seizure, is fine')).toBe('present');
  });

  it('a trigger that points back at the clause before it reaches over the comma, with more said after it', () => {
    const pointing = seizureStatusUnder([
      { literal: 'but', category: 'terminate', direction: 'none' },
      { literal: 'but that was back in #num', category: 'historical', direction: 'backward', max_scope: 12, points_back: true },
      { literal: 'but that was #num', category: 'historical', direction: 'backward', max_scope: 12 },
    ]);
    expect(pointing('he had a seizure once, but that was back in 2009 before any of this')).toBe('historical');
    expect(pointing('he had a seizure, all that, but that was back in 2009')).toBe('historical');
    expect(pointing('he had a seizure once, but that was 20 odd years ago, long before any of this')).toBe('present');
    expect(pointing('he had a seizure once, but that was terrifying')).toBe('present');
  });
});
