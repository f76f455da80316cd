import type { Block } from './document';
import { ruleOutcome } from './redFlags';
import { capitalised, findingName, groupName, levelName, type ScriptContext } from './scriptContext';

/** Appendix A: every finding's level on its own, what moves it, and the combinations that raise it. */
export function howTheLevelIsDecided(c: ScriptContext, anchor: string): Block[] {
  return [
    { kind: 'heading', depth: 2, text: 'Appendix A. How the level is decided', anchor },
    {
      kind: 'paragraph',
      text: 'Every finding has a level of its own; some words move it (for example “very”, “for weeks”); and the combinations below raise it. The most urgent of all of them is the level. “Not sure” counts as yes.',
    },
    {
      kind: 'table',
      head: ['When all of these are reported', 'It is', 'Why'],
      rows: c.k.rules.map((r) => [
        capitalised(r.all.map((x) => (x.finding !== undefined ? findingName(c, x.finding) : groupName(c, x.group ?? '')) + (x.without_modifier ? ` (unless ${c.k.modifiers.get(x.without_modifier)?.name ?? x.without_modifier})` : '')).join(' + ')),
        `${ruleOutcome(c, r)} (${levelName(c, r.level)})`,
        r.why,
      ]),
    },
  ];
}

/** A phrase as a reader says it: `#num:1-9` is "(a number 1-9)", `#num` "(a number)", `=word` the word itself. */
export function phraseForReader(phrase: string): string {
  return phrase
    .replace(/#num:(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)/g, '(a number $1-$2)')
    .replace(/#num\b/g, '(a number)')
    .replace(/#many\b/g, '(many)')
    .replace(/#fever_temp\b/g, '(a feverish temperature)')
    .replace(/#(\w+)/g, '($1)')
    .replace(/(^|\s)=(?=\S)/g, '$1');
}

/** Appendix B: which words lead to which finding, with its level on its own and what moves it. */
export function phraseIndex(c: ScriptContext, anchor: string): Block[] {
  return [
    { kind: 'heading', depth: 2, text: 'Appendix B. Which words lead to which finding', anchor },
    { kind: 'paragraph', text: 'What callers say, and the finding it is recorded as. Words that rule a finding out (“no”, “not”, “is fine”) are understood too.' },
    {
      kind: 'table',
      head: ['Finding', 'On its own', 'Words and phrases', 'Moved by'],
      rows: [...c.k.findings.values()].map((f) => [
        capitalised(f.name),
        levelName(c, f.tier),
        [...f.phrases, ...f.misspellings].map(phraseForReader).join(', '),
        f.moved_by.map((m) => `${c.k.modifiers.get(m.modifier)?.name ?? m.modifier} → ${levelName(c, m.level)}`).join('; ') || '-',
      ]),
    },
  ];
}
