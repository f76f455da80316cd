import type { Block } from './document';
import type { Problem } from './problems';
import { emergencyScreen } from './redFlags';
import { fill, groupName, withoutCue, type ScriptContext } from './scriptContext';

/** What starts a problem's section, in the caller's terms: the groups its route names, or the flow's first sentence. */
export function startsWhen(c: ScriptContext, problem: Problem): string {
  if (problem.groups.length > 0) return `The caller says: ${problem.groups.map((g) => groupName(c, g)).join('; or ')}.`;
  const first = /^.*?[.!?](\s|$)/.exec(problem.flow.description)?.[0].trim() ?? problem.flow.description;
  return problem.anyTime ? `At any point in the call, as soon as the caller reports a [red flag](#emergency_screen).` : first;
}

/**
 * Page one: the emergency screen (every red flag on one line, with what a yes means), the numbers,
 * and where to go for each presenting problem. Printed on one page of its own.
 */
export function quickCard(c: ScriptContext, problems: readonly Problem[], appendices: readonly { title: string; anchor: string }[]): Block {
  const { contacts } = c;
  const flags = emergencyScreen(c);
  return {
    kind: 'group',
    className: 'quick',
    anchor: 'quick_card',
    breakAfter: true,
    blocks: [
      { kind: 'heading', depth: 1, text: 'Baclofen helpline: quick card' },
      {
        kind: 'paragraph',
        tone: 'alert',
        text: `Emergency ${contacts.emergency_number} · Poison control ${contacts.poison_control_number} · Crisis line ${contacts.crisis_line}`,
      },
      { kind: 'heading', depth: 2, text: '1. Emergency screen: ask first, on every call', anchor: 'emergency_screen' },
      {
        kind: 'paragraph',
        text: `A yes (or “not sure”) to any line means an emergency: stop, and tell the caller to call ${contacts.emergency_number} now. The same at any point later in the call.`,
      },
      {
        kind: 'table',
        className: 'flags',
        head: ['Red flag', 'A yes means'],
        rows: flags.map((f) => [f.ask === undefined ? `**${f.sign}**` : `**${f.sign}**: ${withoutCue(fill(c, f.ask))}`, f.yes]),
      },
      { kind: 'heading', depth: 2, text: '2. No red flag: go to the caller’s problem', anchor: 'contents' },
      {
        kind: 'table',
        head: ['The caller’s problem, most urgent first', 'Start here when'],
        rows: problems.map((p, i) => [`[${i + 1}. ${p.flow.title}](#${p.anchor})`, startsWhen(c, p)]),
      },
      { kind: 'paragraph', text: `Appendices: ${appendices.map((a) => `[${a.title}](#${a.anchor})`).join(' · ')}.` },
      { kind: 'paragraph', tone: 'note', text: '“Not sure” counts as yes. When findings disagree, the most urgent level wins. Not a diagnosis: when in doubt, err towards urgency.' },
    ],
  };
}

