import type { Dialogs } from '../dialogs/loadDialogs';
import type { Knowledge } from '../knowledge/load';
import type { Contacts, Disposition, Level } from '../knowledge/schema';
import { fillPlaceholders } from '../triage/placeholders';

/** Everything the call script is written from, handed to each section as one value. */
export interface ScriptContext {
  readonly k: Knowledge;
  readonly d: Dialogs;
  readonly contacts: Contacts;
}

/** Staff wording with the numbers from settings filled in. */
export const fill = (c: ScriptContext, text: string) => fillPlaceholders(text, c.contacts);

/** A level as staff see it on the card ("URGENT: same day"), from messages.yaml. */
export const levelName = (c: ScriptContext, level: Level) => c.d.messages.levels[level].staff;

/** A staff question without its "Ask:" cue ("Ask, calmly and directly:" too). */
export const withoutCue = (text: string) => text.replace(/^Ask[^:]*:\s*/, '');

export const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "a, b or c". */
export function listOf(items: readonly string[], word = 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

/** A finding's name, lower case, as it reads inside a sentence. */
export const findingName = (c: ScriptContext, id: string) => c.k.findings.get(id)?.name.toLowerCase() ?? id;

/** The findings in a group. */
export const membersOf = (c: ScriptContext, group: string) => [...c.k.findings.values()].filter((f) => f.groups.includes(group));

/** A group's short name from content, or its members' names ("a, b or c"). */
export function groupName(c: ScriptContext, group: string): string {
  return c.k.groupNames.get(group) ?? listOf(membersOf(c, group).map((f) => f.name.split(',')[0]?.replace(/\s*\(.*?\)/g, '') ?? f.id));
}

/** The advice shown for a level and category: the category's own, or the level's general one. */
export function dispositionFor(c: ScriptContext, level: Level, category: string): Disposition | undefined {
  const all = [...c.k.dispositions.values()];
  return all.find((x) => x.level === level && x.category === category) ?? all.find((x) => x.level === level && x.category === 'general');
}
