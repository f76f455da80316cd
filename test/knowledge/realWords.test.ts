import { createTriageEngine, loadKnowledge, parseKnowledge } from '../../src/triage';
import { lexiconFingerprint, typoLexicon } from '../../src/triage/compile';
import { TINY } from '../triage/tinyKnowledge';

const knowledge = loadKnowledge();

describe('real English words are never read as typos', () => {
  it('real-words.yaml was generated for the words the knowledge base matches now', () => {
    // When this fails after a content change: run `npm run content:real-words` and commit the file.
    expect(knowledge.realWords.lexicon).toBe(lexiconFingerprint(typoLexicon(knowledge)));
    expect(knowledge.realWords.words.size).toBeGreaterThan(1000);
  });

  it.each([
    ['can I have a couple of beers at a party?', 'pump_alarm'],
    ['my grades are slipping at school', 'fall_injury'],
    ['the staff at the home are lovely', 'rigidity'],
  ])('"%s" does not report %s', (text, finding) => {
    const engine = createTriageEngine(knowledge);
    expect(engine.triage(text).findings.map((f) => f.id)).not.toContain(finding);
  });

  it('a word the knowledge base itself uses is spelled right wherever it is typed ("quite" is not "quit")', () => {
    expect(typoLexicon(knowledge)).toContain('quite');
    expect(createTriageEngine(knowledge).triage("he's been quite tired since starting baclofen").findings.map((f) => f.id)).toEqual(['fatigue']);
  });

  it('a rare word that is a common misspelling is still corrected ("seizer" is read as seizure)', () => {
    expect(knowledge.realWords.words.has('seizer')).toBe(false);
    expect(createTriageEngine(knowledge).triage('he is having a seizer').level).toBe('emergency');
  });

  it('the list is optional and, when given, is validated like other content', () => {
    expect(() => parseKnowledge(TINY, 'kb')).not.toThrow();
    expect(() => parseKnowledge({ ...TINY, 'real-words.yaml': 'version: "1"\nsource: x\nlexicon: nope\nwords: [Beer]' }, 'kb')).toThrow(/real-words.yaml/);
  });
});
