import { available, inCi, type Requirement } from './requirements';

const chromium: Requirement = { what: 'Chromium', path: '/usr/bin/chromium', howToGet: 'run scripts/ensure-chromium.sh', needs: 'the browser tests' };
const missing = () => false;
const present = () => true;

describe('tests that need something outside the repository', () => {
  let written: string[];
  let write: jest.SpyInstance;
  beforeEach(() => {
    written = [];
    write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => write.mockRestore());

  it('run, saying nothing, when it is there', () => {
    expect(available(chromium, {}, present)).toBe(true);
    expect(written).toEqual([]);
  });

  it('are skipped outside CI with one line naming what is missing, where, and how to get it', () => {
    expect(available(chromium, {}, missing)).toBe(false);
    const lines = written.join('').trim().split('\n');
    expect(lines).toEqual(['SKIPPED: Chromium is missing at /usr/bin/chromium, so the browser tests are skipped. To run them: run scripts/ensure-chromium.sh.']);
  });

  it('fail in CI (CI=true) instead of passing with tests left out', () => {
    expect(() => available(chromium, { CI: 'true' }, missing)).toThrow('Chromium is missing at /usr/bin/chromium, and CI must run the browser tests. To get it: run scripts/ensure-chromium.sh.');
  });

  it('read CI=false, CI=0 and an empty CI as not CI', () => {
    expect([inCi({ CI: 'false' }), inCi({ CI: '0' }), inCi({ CI: '' }), inCi({}), inCi({ CI: 'true' }), inCi({ CI: '1' })]).toEqual([false, false, false, false, true, true]);
  });
});
