import fc from 'fast-check';
import { createTriageEngine, loadKnowledge } from '../../src/triage';

const engine = createTriageEngine(loadKnowledge());
const level = (text: string) => engine.triage(text).level;

/**
 * CPU time, not wall time: the bound is on the work one message costs, which other processes on
 * a busy test machine do not change.
 */
function timed<T>(work: () => T): { result: T; ms: number } {
  const started = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(started);
  return { result, ms: (used.user + used.system) / 1000 };
}

describe('the core on hostile input', () => {
  it.each([
    ['a 4,000-letter word', 'a'.repeat(4_000), 300],
    ['a 100 KB word', 'x'.repeat(100_000), 1_000],
    ['100 KB of words with no full stop', 'and then we went to the shops '.repeat(3_400), 1_000],
  ])('answers %s quickly', (_name, text, limitMs) => {
    const { result, ms } = timed(() => engine.triage(text));
    expect(result.level).toBe('info');
    expect(ms).toBeLessThan(limitMs);
  });

  it('still finds an emergency at the end of a 100 KB message', () => {
    const text = `${'we had a quiet day and watched television '.repeat(2_400)}and now he can't breathe`;
    const { result, ms } = timed(() => engine.triage(text));
    expect(result.level).toBe('emergency');
    expect(ms).toBeLessThan(1_000);
  });

  it('grows linearly: ten times the text costs no more than about ten times the time', () => {
    const unit = 'she said her legs felt a bit heavy, no fever, not confused but tired. ';
    engine.triage(unit.repeat(200));
    const small = timed(() => engine.triage(unit.repeat(200))).ms;
    const large = timed(() => engine.triage(unit.repeat(2_000))).ms;
    expect(large).toBeLessThan(Math.max(small, 5) * 25);
  });

  it.each([
    ['zero-width space', '\u200B'],
    ['soft hyphen', '\u00AD'],
    ['zero-width joiner', '\u200D'],
    ['zero-width non-joiner', '\u200C'],
    ['byte-order mark', '\uFEFF'],
    ['word joiner', '\u2060'],
  ])('reads through a %s hidden inside a word', (_name, invisible) => {
    expect(level(`he can't brea${invisible}the`)).toBe('emergency');
    expect(level(`she is having a sei${invisible}zure`)).toBe('emergency');
  });
});

describe('the core under random input (fast-check)', () => {
  const anyText = fc.string({ unit: 'binary', maxLength: 20_000 });

  it('never throws and always finishes within a bound', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { result, ms } = timed(() => engine.triage(text));
        expect(result.level).toBeDefined();
        expect(ms).toBeLessThan(1_000);
      }),
      { numRuns: 60 },
    );
  });

  it('finds an emergency embedded anywhere in random text', () => {
    const noise = fc.string({ unit: fc.constantFrom(...'qxzjkvw bdfg\u200B\u00E9\u4E2D7 '.split('')), maxLength: 5_000 });
    fc.assert(
      fc.property(noise, noise, fc.constantFrom("I can't breathe", 'she is having a seizure', 'he has collapsed and will not wake up'), (before, after, emergency) => {
        expect(level(`${before} ${emergency} ${after}`)).toBe('emergency');
      }),
      { numRuns: 60 },
    );
  });
});
