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
