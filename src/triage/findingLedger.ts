import type { Knowledge } from '../knowledge/load';
import { tokenise } from '../nlp/tokenise';
import type { Analysis, FindingMatch } from './types';

/** What a conversation has reported so far: the findings present now, and the first denial of each. */
export interface FindingLedger {
  readonly present: Map<string, FindingMatch>;
  readonly ruledOut: Map<string, FindingMatch>;
}

/** Context ("has a pump", knowledge tier `info`): sets no level on its own, and outlasts a correction. */
export function isContextFinding(k: Pick<Knowledge, 'findings'>, id: string): boolean {
  return k.findings.get(id)?.tier === 'info';
}

/**
 * Adds one message to the ledger, as the core reads a conversation in order:
 * - a correction ("sorry, false alarm") rules out everything reported before, context aside, by its
 *   own words, so the explanation still shows what was said and why it no longer counts;
 * - whole-message modifiers of a message that reports nothing of its own ("it's been 5 weeks now")
 *   describe the findings before it;
 * - a finding said again keeps every modifier it was said with, except that a measured restatement
 *   ("really dizzy", then "just a little spinny when I stand") replaces an earlier intensifier;
 * - a later denial or "years ago" takes back what an earlier message reported, except a lasting state
 *   already said ("ITB pt" then "no rigidity, pump refilled 2/52 ago": a list's "no" does not remove the pump)
 *   and, for a finding of several symptoms, a denial of another of them ("a bit queasy" then "she
 *   hasn't been sick": nausea is not taken back by denying vomiting).
 * `admit` is applied to every match the ledger keeps (the bot's case bounds its evidence).
 */
export function addMessage(
  ledger: FindingLedger,
  analysis: Analysis,
  k: Pick<Knowledge, 'findings' | 'modifiers'>,
  admit: (f: FindingMatch) => FindingMatch = (f) => f,
): void {
  const { present, ruledOut } = ledger;
  if (analysis.correction !== undefined) {
    for (const [id, finding] of present) {
      if (isContextFinding(k, id)) continue;
      present.delete(id);
      if (!ruledOut.has(id)) ruledOut.set(id, admit({ ...finding, status: 'negated', trigger: analysis.correction }));
    }
  }
  if (analysis.modifiers !== undefined) {
    for (const [id, finding] of present) {
      if (!isContextFinding(k, id)) present.set(id, { ...finding, modifiers: [...new Set([...finding.modifiers, ...(analysis.modifiers ?? [])])] });
    }
  }
  const presentHere = new Set(analysis.findings.filter((f) => f.status === 'present').map((f) => f.id));
  for (const f of analysis.findings) {
    if (f.status === 'present') {
      const seen = present.get(f.id);
      present.set(f.id, seen === undefined ? admit(f) : { ...seen, modifiers: restated(k, seen.modifiers, f.modifiers) });
    } else if (!presentHere.has(f.id) && !lasts(k, f.id, present) && (f.status === 'historical' || (f.status === 'negated' && deniesWhatWasSaid(k, present.get(f.id), f)))) {
      present.delete(f.id);
      if (f.status === 'negated' && !ruledOut.has(f.id)) ruledOut.set(f.id, admit(f));
    }
  }
}

/** A lasting state (`ongoing`, such as having a pump) already reported. */
function lasts(k: Pick<Knowledge, 'findings'>, id: string, present: ReadonlyMap<string, FindingMatch>): boolean {
  return present.has(id) && k.findings.get(id)?.ongoing === true;
}

// Words too common to show that a denial repeats what was said.
const FILLER: ReadonlySet<string> = new Set(['he', 'she', 'it', 'is', 'be', 'been', 'was', 'has', 'have', 'had', 'not', 'no', 'a', 'the', 'his', 'her', 'my', 'i', 'at', 'all', 'any']);

/** Whether a later denial takes back the earlier report: for a finding of several symptoms, only in the words it was reported in. */
function deniesWhatWasSaid(k: Pick<Knowledge, 'findings'>, earlier: FindingMatch | undefined, denial: FindingMatch): boolean {
  if (earlier === undefined || k.findings.get(denial.id)?.several_symptoms !== true || earlier.evidence.rule.startsWith('answer')) return true;
  const said = new Set(tokenise(earlier.evidence.text).filter((t) => t.kind === 'word' && !FILLER.has(t.text)).map((t) => t.stem));
  return tokenise(denial.evidence.text).some((t) => t.kind === 'word' && !FILLER.has(t.text) && said.has(t.stem));
}

/** The modifiers of a finding said again: both sayings', less those a later modifier takes back ("mild" after "severe"). */
function restated(k: Pick<Knowledge, 'modifiers'>, earlier: readonly string[], later: readonly string[]): string[] {
  const takenBack = new Set(later.flatMap((m) => k.modifiers.get(m)?.takes_back ?? []).filter((m) => !later.includes(m)));
  return [...new Set([...earlier.filter((m) => !takenBack.has(m)), ...later])];
}
