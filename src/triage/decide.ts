import type { Knowledge } from '../knowledge/load';
import { LEVELS, type Condition, type Disposition, type Finding, type Level, type Rule, type Topic } from '../knowledge/schema';
import { moreUrgent, urgency } from './levels';
import { addMessage, type FindingLedger } from './findingLedger';
import type { Analysis, Answers, FindingMatch, Reason, TriageResult } from './types';

interface Scored extends Reason {
  readonly category: string;
  /** Among reasons of one level, rules explain more than a modifier, a modifier more than a finding. */
  readonly specificity: number;
}

function mergeFindings(analyses: readonly Analysis[], answers: Answers, k: Knowledge): { present: FindingMatch[]; ruledOut: FindingMatch[] } {
  const ledger: FindingLedger = { present: new Map(), ruledOut: new Map() };
  for (const analysis of analyses) addMessage(ledger, analysis, k);
  const { present, ruledOut } = ledger;
  for (const [questionId, answer] of Object.entries(answers)) {
    const question = k.questions.get(questionId);
    if (question === undefined) continue;
    const rule = `answer ${answer} to ${questionId}`;
    const evidence = { text: answer, start: 0, end: 0, rule };
    const answered = { question: questionId, answer };
    if (answer === 'no') {
      if (!present.has(question.finding)) ruledOut.set(question.finding, { id: question.finding, status: 'negated', evidence, modifiers: [], answered });
    } else if (!present.has(question.finding)) {
      present.set(question.finding, { id: question.finding, status: 'present', evidence, modifiers: [], answered });
    }
  }
  for (const id of present.keys()) ruledOut.delete(id);
  return { present: [...present.values()], ruledOut: [...ruledOut.values()] };
}

/** The present findings by finding id and by group, each list in the order of `present`: what rule conditions name. */
interface Named {
  readonly byFinding: ReadonlyMap<string, readonly FindingMatch[]>;
  readonly byGroup: ReadonlyMap<string, readonly FindingMatch[]>;
}

function named(present: readonly FindingMatch[], k: Knowledge): Named {
  const byFinding = new Map<string, FindingMatch[]>();
  const byGroup = new Map<string, FindingMatch[]>();
  for (const f of present) {
    const finding = k.findings.get(f.id);
    if (finding === undefined) continue;
    byFinding.set(f.id, [...(byFinding.get(f.id) ?? []), f]);
    for (const group of finding.groups) byGroup.set(group, [...(byGroup.get(group) ?? []), f]);
  }
  return { byFinding, byGroup };
}

/** The present findings a condition holds for. */
function holding(condition: Condition, index: Named): readonly FindingMatch[] {
  const list = (condition.finding !== undefined ? index.byFinding.get(condition.finding) : index.byGroup.get(condition.group ?? '')) ?? [];
  const without = condition.without_modifier;
  return without === undefined ? list : list.filter((f) => !f.modifiers.includes(without));
}

function ruleHolds(rule: Rule, index: Named): boolean {
  for (const c of rule.all) if (holding(c, index).length === 0) return false;
  return true;
}

/** Whether a modifier moves a finding to a less urgent level than its own ("missed her lunchtime dose" is one dose). */
function lowered(finding: Finding, f: FindingMatch): boolean {
  return finding.moved_by.some((m) => f.modifiers.includes(m.modifier) && urgency(m.level) > urgency(finding.tier));
}

/** A topic the conversation asked about; `general` when only ever asked to know, not for the person's own case. */
interface TopicAsked {
  readonly id: string;
  readonly general: boolean;
}

function topicsAsked(analyses: readonly Analysis[]): TopicAsked[] {
  const general = new Map<string, boolean>();
  for (const a of analyses) for (const t of a.topics) general.set(t.id, (general.get(t.id) ?? true) && t.general === true);
  return Array.from(general, ([id, g]) => ({ id, general: g }));
}

/** A topic's level: `level_when_general` when it was only ever asked to know. */
function topicLevel(topic: Topic, general: boolean): Level {
  return general ? (topic.level_when_general ?? topic.level) : topic.level;
}

function reasonsFor(present: readonly FindingMatch[], topics: readonly TopicAsked[], k: Knowledge): Scored[] {
  const reasons: Scored[] = [];
  const index = named(present, k);
  for (const f of present) {
    const finding = k.findings.get(f.id);
    if (finding === undefined) continue;
    // Context findings ("has a pump") count only through rules.
    if (finding.tier === 'info') continue;
    if (!lowered(finding, f)) reasons.push({ rule: `finding:${f.id}`, level: finding.tier, findings: [f.id], why: finding.name, category: finding.category, specificity: 1 });
    for (const move of finding.moved_by) {
      if (f.modifiers.includes(move.modifier)) {
        reasons.push({ rule: `modifier:${f.id}:${move.modifier}`, level: move.level, findings: [f.id], why: move.why, category: finding.category, specificity: 2 });
      }
    }
  }
  for (const rule of k.rules) {
    if (!ruleHolds(rule, index)) continue;
    const ids = new Set<string>();
    for (const c of rule.all) for (const f of holding(c, index)) ids.add(f.id);
    reasons.push({ rule: `rule:${rule.id}`, level: rule.level, findings: [...ids], why: rule.why, category: rule.category, specificity: 3 });
  }
  for (const { id, general } of topics) {
    const topic = k.topics.get(id);
    if (topic === undefined) continue;
    const inGeneral = general && topic.level_when_general !== undefined;
    const why = inGeneral ? `Asked in general about ${topic.title.toLowerCase()}.` : `Asked about ${topic.title.toLowerCase()}.`;
    reasons.push({ rule: `topic:${id}`, level: topicLevel(topic, general), findings: [], why, category: id, specificity: 0 });
  }
  return reasons.sort((a, b) => urgency(a.level) - urgency(b.level) || b.specificity - a.specificity);
}

/** The level `reasonsFor` would decide, without building the reasons: the most urgent of them, or info. */
function levelOf(present: readonly FindingMatch[], topics: readonly TopicAsked[], k: Knowledge): Level {
  let best = urgency('info');
  for (const f of present) {
    const finding = k.findings.get(f.id);
    if (finding === undefined || finding.tier === 'info') continue;
    if (!lowered(finding, f)) best = Math.min(best, urgency(finding.tier));
    for (const move of finding.moved_by) if (f.modifiers.includes(move.modifier)) best = Math.min(best, urgency(move.level));
  }
  const index = named(present, k);
  for (const rule of k.rules) if (urgency(rule.level) < best && ruleHolds(rule, index)) best = urgency(rule.level);
  for (const { id, general } of topics) {
    const topic = k.topics.get(id);
    if (topic !== undefined) best = Math.min(best, urgency(topicLevel(topic, general)));
  }
  return LEVELS[best];
}

/**
 * Red-flag questions whose "yes" would raise the level. A question is due when what it is asked
 * for is present, or when the person asked about an emergency sign without saying it is happening
 * ("what do I do if he stops breathing?"): then we check rather than assume.
 */
function questionsWorthAsking(
  present: readonly FindingMatch[],
  ruledOut: readonly FindingMatch[],
  askedAbout: ReadonlySet<string>,
  topics: readonly TopicAsked[],
  answers: Answers,
  level: Level,
  k: Knowledge,
): Array<{ id: string; level: Level }> {
  if (level === 'emergency') return [];
  // Context alone ("my pump") is no reason to screen: something must have been reported.
  const reported = present.filter((f) => (k.findings.get(f.id)?.tier ?? 'info') !== 'info');
  const groupsPresent = new Set(reported.length === 0 ? [] : present.flatMap((f) => [f.id, ...(k.findings.get(f.id)?.groups ?? [])]));
  const known = new Set([...present, ...ruledOut].map((f) => f.id));
  const worth: Array<{ id: string; level: Level; order: number }> = [];
  Array.from(k.questions.values()).forEach((q, order) => {
    if (answers[q.id] !== undefined || known.has(q.finding)) return;
    const askedAboutEmergency = askedAbout.has(q.finding) && k.findings.get(q.finding)?.tier === 'emergency';
    if (!askedAboutEmergency && !q.ask_when.some((id) => groupsPresent.has(id))) return;
    const withYes = levelOf([...present, { id: q.finding, status: 'present', evidence: { text: '', start: 0, end: 0, rule: '' }, modifiers: [] }], topics, k);
    if (moreUrgent(withYes, level)) worth.push({ id: q.id, level: withYes, order });
  });
  return worth.sort((a, b) => urgency(a.level) - urgency(b.level) || a.order - b.order).map(({ id, level: withYes }) => ({ id, level: withYes }));
}

function askedAbout(analyses: readonly Analysis[]): Set<string> {
  return new Set(analyses.flatMap((a) => a.findings.filter((f) => f.status === 'hypothetical').map((f) => f.id)));
}

function dispositionFor(k: Knowledge, level: Level, category: string): Disposition | undefined {
  for (const d of k.dispositions.values()) if (d.level === level && d.category === category) return d;
  return undefined;
}

/**
 * The disposition for everything a conversation has said so far plus the answers to screening
 * questions: the most urgent rule wins, and every rule that fired is kept as the explanation.
 */
export function decide(k: Knowledge, analyses: readonly Analysis[], answers: Answers = {}): TriageResult {
  const { present, ruledOut } = mergeFindings(analyses, answers, k);
  const topics = topicsAsked(analyses);
  const scored = reasonsFor(present, topics, k);
  const winner: Scored = scored[0] ?? {
    rule: 'default',
    level: 'info',
    findings: [],
    why: 'No symptom or question the knowledge base knows was recognised.',
    category: 'unrecognised',
    specificity: 0,
  };
  const level = winner.level;
  const disposition = dispositionFor(k, level, winner.category) ?? dispositionFor(k, level, 'general');
  const reasons: Reason[] = (scored.length > 0 ? scored : [winner]).map(({ rule, level: l, findings, why }) => ({ rule, level: l, findings, why }));
  const worth = questionsWorthAsking(present, ruledOut, askedAbout(analyses), topics, answers, level, k);
  return {
    level,
    category: winner.category,
    findings: present,
    ruledOut,
    reasons,
    questions: worth.map((w) => w.id),
    questionLevels: Object.fromEntries(worth.map((w) => [w.id, w.level])),
    topics: topics.map((t) => t.id),
    dispositionId: disposition?.id ?? `${level}_general`,
    contentVersion: k.version,
  };
}
