import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

function triage(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/triage.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('npm run triage', () => {
  it('prints the level, the findings with the words that matched, and the reasons', () => {
    const out = triage('my dad stopped his baclofen and has a temp of 39.5');
    expect(out).toMatch(/^Level: emergency \(category withdrawal/);
    expect(out).toMatch(/fever\s+"has a temp" by phrase/);
    expect(out).toMatch(/Reasons \(the first decided\):\n\s+emergency\s+rule:/);
  });

  it('takes screening answers', () => {
    expect(triage('I feel sleepy', '--answer', 'ask_breathing=yes')).toMatch(/^Level: emergency/);
  });

  it('scores a vignette file as JSON lines with a summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cases-'));
    const file = join(dir, 'cases.jsonl');
    writeFileSync(
      file,
      [
        { id: 'a', gold: 'emergency', turns: ["I can't breathe"] },
        { id: 'b', gold: 'self-care', turns: ['hello', 'a bit dizzy'] },
        { id: 'c', gold: 'emergency', turns: ['a bit dizzy'] },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    const lines = triage('--file', file, '--json').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.slice(0, 3)).toEqual([
      { id: 'a', gold: 'emergency', level: 'emergency', findings: ['breathing_difficulty'], ruledOut: [], rule: 'finding:breathing_difficulty' },
      { id: 'b', gold: 'self-care', level: 'self-care', findings: ['dizziness'], ruledOut: [], rule: 'finding:dizziness' },
      { id: 'c', gold: 'emergency', level: 'self-care', findings: ['dizziness'], ruledOut: [], rule: 'finding:dizziness' },
    ]);
    expect(lines[3]).toMatchObject({ summary: true, total: 3, exact: 2, underTriage: 1, overTriage: 0 });
    expect(lines[3].emergencySensitivity).toBeCloseTo(0.5);
  });

  it('prints a table of accuracy per level without --json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cases-'));
    const file = join(dir, 'cases.jsonl');
    writeFileSync(file, JSON.stringify({ id: 'a', gold: 'info', turns: ['what is baclofen?'] }));
    const out = triage('--file', file);
    expect(out).toMatch(/info\s+1\s+100.0%/);
    expect(out).toMatch(/emergency sensitivity/);
  });
});
