import type { Question, Rule } from '../knowledge/schema';
import { urgency } from '../triage/levels';
import type { Problem } from './problems';
import { capitalised, dispositionFor, fill, findingName, groupName, levelName, listOf, type ScriptContext } from './scriptContext';

/** A combination rule's condition in words: a finding's or a group's name. */
function conditionName(c: ScriptContext, condition: Rule['all'][number]): string {
  const name = condition.finding !== undefined ? findingName(c, condition.finding) : groupName(c, condition.group ?? '');
  const modifier = condition.without_modifier === undefined ? '' : ` (unless ${c.k.modifiers.get(condition.without_modifier)?.name ?? condition.without_modifier})`;
  return `${name}${modifier}`;
}

/** Whether a rule condition is met by a finding: by its id or one of its groups. */
const meets = (c: ScriptContext, condition: Rule['all'][number], finding: string) =>
  condition.finding === finding || (condition.group !== undefined && (c.k.findings.get(finding)?.groups.includes(condition.group) ?? false));

/** A rule's outcome in words: its summary, or the level's name. */
export const ruleOutcome = (c: ScriptContext, rule: Rule) => rule.summary ?? levelName(c, rule.level);

/**
 * What a "yes" to a red-flag question means in a section: the most urgent thing it adds up to with
 * what started the section (its groups go unsaid there), and the level of the finding on its own
 * when that differs. "Yes → withdrawal emergency. On its own: PRESCRIBER: within days."
 */
export function yesMeans(c: ScriptContext, q: Question, problem: Problem | undefined): string {
  const finding = c.k.findings.get(q.finding);
  if (finding === undefined) return '';
  // An emergency on its own reads as the advice heading staff give ("Emergency - seizure: call 911 now.").
  const heading = finding.tier === 'emergency' ? dispositionFor(c, finding.tier, finding.category)?.heading.staff : undefined;
  const alone = { level: finding.tier, text: heading === undefined ? levelName(c, finding.tier) : fill(c, heading).replace(/\.$/, '') };
  const combined = c.k.rules
    .filter((r) => r.all.some((x) => meets(c, x, q.finding)))
    .map((r) => {
      const others = r.all.filter((x) => !meets(c, x, q.finding) && !(x.group !== undefined && problem?.groups.includes(x.group)));
      const text = others.length === 0 ? ruleOutcome(c, r) : `with ${listOf(others.map((x) => conditionName(c, x)), 'and')}: ${ruleOutcome(c, r)}`;
      return { level: r.level, text };
    });
  const outcomes = [...combined, alone].sort((a, b) => urgency(a.level) - urgency(b.level));
  const [top, ...rest] = outcomes;
  if (top === undefined || top === alone || top.level === alone.level) return `Yes → ${alone.text}.`;
  const also = rest.filter((o) => o !== alone && urgency(o.level) < urgency(alone.level)).slice(0, 1);
  return `Yes → ${[top, ...also].map((o) => o.text).join('; ')}. On its own: ${alone.text}.`;
}

/** How urgent a "yes" can make a question (0 is an emergency), for ordering questions most urgent first. */
export function worstYes(c: ScriptContext, q: Question): number {
  const finding = c.k.findings.get(q.finding);
  const levels = [finding?.tier ?? 'info', ...c.k.rules.filter((r) => r.all.some((x) => meets(c, x, q.finding))).map((r) => r.level)];
  return Math.min(...levels.map(urgency));
}

/** One line of the emergency screen: a red flag and what a yes means. */
export interface RedFlag {
  readonly sign: string;
  /** The staff question that asks about it, without its cue, when there is one. */
  readonly ask?: string;
  readonly yes: string;
}

/**
 * Every red flag: each finding that is an emergency on its own, then each combination that makes
 * one; what a yes means is the staff heading of the advice it gets ("Emergency - seizure: call 911 now.").
 */
export function emergencyScreen(c: ScriptContext): RedFlag[] {
  const heading = (level: Parameters<typeof dispositionFor>[1], category: string) => {
    const d = dispositionFor(c, level, category);
    return d === undefined ? levelName(c, level) : fill(c, d.heading.staff);
  };
  const askFor = (finding: string) => [...c.k.questions.values()].find((q) => q.finding === finding);
  const alone: RedFlag[] = [];
  for (const f of [...c.k.findings.values()].filter((x) => x.tier === 'emergency')) {
    const q = askFor(f.id);
    const yes = heading('emergency', f.category);
    // Signs with no question of their own and the same advice share a line, so the card stays one page.
    const same = q === undefined ? alone.find((x) => x.ask === undefined && x.yes === yes) : undefined;
    if (same === undefined) alone.push({ sign: capitalised(f.name), ...(q === undefined ? {} : { ask: q.text.staff }), yes });
    else alone.splice(alone.indexOf(same), 1, { ...same, sign: `${same.sign}; ${f.name}` });
  }
  // Rules that differ only in their last condition share a line: "Too much baclofen taken + drowsiness; or weakness".
  const combined: { first: string; lasts: string[]; yes: string }[] = [];
  for (const r of c.k.rules.filter((x) => x.level === 'emergency')) {
    const names = r.all.map((x) => conditionName(c, x));
    const first = names.slice(0, -1).join(' + ');
    const yes = heading('emergency', r.category);
    const same = combined.find((x) => x.first === first && x.yes === yes && first !== '');
    if (same === undefined) combined.push({ first, lasts: [names[names.length - 1] ?? ''], yes });
    else same.lasts.push(names[names.length - 1] ?? '');
  }
  return [...alone, ...combined.map((x): RedFlag => ({ sign: capitalised([x.first, x.lasts.join('; or ')].filter(Boolean).join(' + ')), yes: x.yes }))];
}
