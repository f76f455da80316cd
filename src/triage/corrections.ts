import type { Evidence, FindingMatch } from './types';

/**
 * Applies a message that takes back what earlier messages reported ("sorry, false alarm"): each
 * finding present so far, context ("has a pump") aside, is ruled out by the correction's words, so
 * the explanation still shows what was said and why it no longer counts.
 */
export function takeBack(
  present: Map<string, FindingMatch>,
  ruledOut: Map<string, FindingMatch>,
  correction: Evidence,
  isContext: (id: string) => boolean,
): void {
  for (const [id, finding] of present) {
    if (isContext(id)) continue;
    present.delete(id);
    if (!ruledOut.has(id)) ruledOut.set(id, { ...finding, status: 'negated', trigger: correction });
  }
}

/**
 * Applies a message that says more of what was reported before ("it's been going on 5 weeks now",
 * "missing meals"): its whole-message modifiers join every finding present so far, context aside.
 */
export function describeEarlier(present: Map<string, FindingMatch>, modifiers: readonly string[], isContext: (id: string) => boolean): void {
  for (const [id, finding] of present) {
    if (isContext(id)) continue;
    present.set(id, { ...finding, modifiers: [...new Set([...finding.modifiers, ...modifiers])] });
  }
}
