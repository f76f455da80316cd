import { ContentError, loadKnowledge, parseKnowledge } from '../../src/triage';
import { TINY } from '../triage/tinyKnowledge';

function problemsOf(overrides: Partial<typeof TINY>): string[] {
  try {
    parseKnowledge({ ...TINY, ...overrides }, 'kb');
  } catch (error) {
    if (error instanceof ContentError) return error.problems.map((p) => `${p.file} ${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('content validation', () => {
  it('accepts the tiny knowledge base', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('names the file and the field of a schema error', () => {
    const broken = TINY['findings.yaml'].replace('tier: emergency', 'tier: critical');
    expect(problemsOf({ 'findings.yaml': broken })).toEqual([expect.stringMatching(/^kb\/findings.yaml findings\[0\]\.tier: /)]);
  });

  it('rejects unknown keys', () => {
    const broken = TINY['findings.yaml'].replace('    source: rubric\n', '    source: rubric\n    sauce: rubric\n');
    expect(problemsOf({ 'findings.yaml': broken }).join('\n')).toMatch(/findings\[0\].*sauce/);
  });

  it('rejects broken YAML with the file name', () => {
    expect(problemsOf({ 'topics.yaml': 'version: [' })).toEqual([expect.stringMatching(/^kb\/topics.yaml : is not valid YAML/)]);
  });

  it('refuses a value token that YAML would read as a comment, naming the line', () => {
    const broken = TINY['context.yaml'].replace('not_typos: [tried]', 'not_typos: [tried]\nidioms:\n  - on baclofen #num weeks now');
    const line = broken.split('\n').indexOf('  - on baclofen #num weeks now') + 1;
    expect(problemsOf({ 'context.yaml': broken })).toEqual([`kb/context.yaml line ${line}: has a value token (#num, #many, #fever_temp) after an unquoted value, where YAML reads it as a comment: put the value in quotes`]);
    expect(problemsOf({ 'context.yaml': TINY['context.yaml'].replace('not_typos: [tried]', 'not_typos: [tried]\nidioms:\n  - "on baclofen #num weeks now"  # a comment') })).toEqual([]);
  });

  it('refuses a context trigger written twice for the same category', () => {
    const twice = TINY['context.yaml'].replace('rules:\n', 'rules:\n  - { literal: "no", category: negated, direction: forward, max_scope: 2 }\n');
    expect(problemsOf({ 'context.yaml': twice })).toEqual([expect.stringMatching(/^kb\/context.yaml rules\[\d+\]\.literal: "no" \(negated\) is already rules\[0\]; keep one/)]);
  });

  it('checks every cross-reference and lists the valid ids', () => {
    const broken = TINY['questions.yaml'].replace('finding: breathing_difficulty', 'finding: breathlessness');
    expect(problemsOf({ 'questions.yaml': broken })).toEqual([
      expect.stringMatching(/questions\[0\]\.finding: unknown finding "breathlessness"; known findings are: breathing_difficulty, seizure/),
    ]);
  });

  it('refuses emergency advice that does not give the emergency number', () => {
    const broken = TINY['advice.yaml'].replace('Call {emergency_number} now.', 'Call now.');
    expect(problemsOf({ 'advice.yaml': broken })).toEqual([expect.stringMatching(/emergency advice must include \{emergency_number\}/)]);
  });

  it('refuses unknown placeholders', () => {
    const broken = TINY['advice.yaml'].replace('Tell them about baclofen.', 'Call {ambulance}.');
    expect(problemsOf({ 'advice.yaml': broken })).toEqual([expect.stringMatching(/unknown placeholder \{ambulance\}/)]);
  });

  it('reports every problem at once', () => {
    const findings = TINY['findings.yaml'].replace('groups: [withdrawal_danger_sign]', 'groups: [nope]');
    const questions = TINY['questions.yaml'].replace('ask_when: [withdrawal_context]', 'ask_when: [nothing]');
    expect(problemsOf({ 'findings.yaml': findings, 'questions.yaml': questions })).toHaveLength(2);
  });

  it('says which file is missing', () => {
    expect(() => loadKnowledge('/nonexistent')).toThrow(/\/nonexistent\/findings.yaml: cannot be read \(ENOENT\)/);
  });

  it('changes the content version whenever a file changes', () => {
    const a = parseKnowledge(TINY, 'kb').version;
    const b = parseKnowledge({ ...TINY, 'topics.yaml': TINY['topics.yaml'] + '\n# note\n' }, 'kb').version;
    expect(a).not.toBe(b);
  });
});
