import type { Condition, Flow } from '../dialogs/dialogSchema';
import type { ScriptContext } from './scriptContext';

/** A presenting problem: one section of the script, for one flow that triages or answers. */
export interface Problem {
  readonly flow: Flow;
  readonly anchor: string;
  /** Whether an interrupt starts it: at any point in a call, not only at its start. */
  readonly anyTime: boolean;
  /** The knowledge groups its route names ("overdose_context"): what the caller reports to start it. */
  readonly groups: readonly string[];
  /**
   * `emergency`: started by an interrupt; `context`: by what the caller says happened (its groups);
   * `symptoms`: the first other one; `questions`: any after it.
   */
  readonly role: 'emergency' | 'context' | 'symptoms' | 'questions';
}

/** Groups a route's condition names with `message_group`. */
function groupsOf(c: Condition): string[] {
  return [...(c.message_group === undefined ? [] : [c.message_group]), ...[...(c.all ?? []), ...(c.any ?? [])].flatMap(groupsOf)];
}

const TRIAGES = new Set(['screen', 'dispose', 'answer_topics']);

/**
 * The presenting problems, most urgent first: the flows that interrupts and routes start, in the
 * order routes.yaml checks them (the emergency interrupt, then too much baclofen, stopped or pump,
 * symptoms, questions), keeping the flows that ask red-flag questions, give advice or answer.
 */
export function presentingProblems(c: ScriptContext): Problem[] {
  const problems: Problem[] = [];
  const starts = [...c.d.routes.interrupts.map((r) => ({ ...r, anyTime: true })), ...c.d.routes.routes.map((r) => ({ ...r, anyTime: false }))];
  for (const start of starts) {
    const flow = c.d.flows.get(start.flow);
    if (flow === undefined || problems.some((p) => p.flow.id === flow.id) || !flow.steps.some((s) => TRIAGES.has(s.kind))) continue;
    // "After advice" interrupts restart a flow a route starts too: the route says what starts it.
    if (start.anyTime && start.if.message_changes_advice === undefined && start.if.all?.some((x) => x.message_changes_advice) !== true) {
      problems.push({ flow, anchor: `problem_${flow.id}`, anyTime: true, groups: [], role: 'emergency' });
    } else if (!start.anyTime) {
      const groups = groupsOf(start.if);
      const role = groups.length > 0 ? 'context' : problems.some((p) => p.role === 'symptoms') ? 'questions' : 'symptoms';
      problems.push({ flow, anchor: `problem_${flow.id}`, anyTime: false, groups, role });
    }
  }
  return problems;
}

/** The problem a finding belongs to: the one whose groups hold it, else emergency signs, else symptoms. */
export function problemOfFinding(c: ScriptContext, problems: readonly Problem[], id: string): Problem | undefined {
  const finding = c.k.findings.get(id);
  if (finding === undefined) return undefined;
  return (
    problems.find((p) => p.groups.some((g) => finding.groups.includes(g))) ??
    (finding.tier === 'emergency' ? problems.find((p) => p.anyTime) : undefined) ??
    problems.find((p) => p.role === 'symptoms')
  );
}
