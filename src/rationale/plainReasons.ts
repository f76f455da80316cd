import type { Knowledge } from '../knowledge/load';
import type { Level } from '../knowledge/schema';
import type { FindingMatch, Reason, TriageResult } from '../triage/types';

/** How a level is named to the reader: the card's own level names, from content. */
export type LevelName = (level: Level) => string;

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A finding's name as a clinician reads it ("high temperature"), or its id when content lacks it. */
function findingName(id: string, k: Knowledge): string {
  return k.findings.get(id)?.name ?? id;
}

/**
 * One reason in plain words: the findings that counted, joined with "+", an arrow, and what they
 * add up to ("Run out of baclofen + high temperature → withdrawal emergency"). The words are the
 * content's: finding and modifier names, a rule's `summary`, a topic's title, the level's name.
 */
export function reasonInPlainWords(reason: Reason, k: Knowledge, levelName: LevelName): string {
  const [kind, id = '', modifier] = reason.rule.split(':');
  const level = levelName(reason.level);
  switch (kind) {
    case 'finding':
      return `${capitalised(findingName(id, k))} → ${level}`;
    case 'modifier':
      return `${capitalised(findingName(id, k))}, ${k.modifiers.get(modifier ?? '')?.name ?? modifier} → ${level}`;
    case 'rule': {
      const rule = k.rules.find((r) => r.id === id);
      const findings = reason.findings.map((f) => findingName(f, k)).join(' + ');
      return `${capitalised(findings)} → ${rule?.summary ?? level}`;
    }
    case 'topic':
      return `${capitalised(reason.why.replace(/\.$/, ''))} → ${level}`;
    default:
      return reason.why;
  }
}

/** Every reason of a decision in plain words, most urgent first, without repeating a sentence. */
export function plainReasons(result: Pick<TriageResult, 'reasons'>, k: Knowledge, levelName: LevelName): string[] {
  return [...new Set(result.reasons.map((r) => reasonInPlainWords(r, k, levelName)))];
}

/** A question asked of the caller, as staff asked it, without the "Ask:" cue in front. */
export function questionInPlainWords(id: string, k: Knowledge): string {
  const staff = k.questions.get(id)?.text.staff;
  return staff === undefined ? id : staff.replace(/^Ask[^:]*:\s*/, '');
}

/**
 * The ids behind a decision, for the record: finding ids and the ids of the combination rules that
 * fired. Shown once, small, on the summary card; never in the rationale people read.
 */
export function recordIds(result: Pick<TriageResult, 'reasons'> & { readonly findings: readonly Pick<FindingMatch, 'id'>[] }): { findings: string[]; rules: string[] } {
  return {
    findings: [...new Set(result.findings.map((f) => f.id))],
    rules: [...new Set(result.reasons.filter((r) => r.rule.startsWith('rule:')).map((r) => r.rule.slice('rule:'.length)))],
  };
}
