import { contextOf, selectTriggers, type SpanContext, type TriggerMatch } from '../nlp/context';
import { bestPerKey, byFirst, longestFirst, overlaps, type PhraseMatch } from '../nlp/phraseMatcher';
import { sortSmall } from '../nlp/sortSmall';
import type { PhraseSetMatches } from '../nlp/phraseSets';
import { respell } from '../nlp/respell';
import { tokenise, wordsBetween, type Token } from '../nlp/tokenise';
import { findCombinations } from './combinations';
import type { CompiledKnowledge, PhraseKinds } from './compile';
import type { Analysis, Evidence, FindingMatch, TopicMatch } from './types';

/** How far a `near` modifier reaches, in words, before or after a finding. */
const NEAR = 3;

function evidence(text: string, tokens: readonly Token[], first: number, last: number, rule: string): Evidence {
  const start = tokens[first].start;
  const end = tokens[last].end;
  return { text: text.slice(start, end), start, end, rule };
}

function ruleOf(match: PhraseMatch<unknown>): string {
  if (match.typos.length === 0) return `phrase "${match.phrase}"`;
  const typos = match.typos.map((t) => ` (typo "${t.typed}" for "${t.meant}")`).join('');
  return `phrase "${match.phrase}"${typos}`;
}

/** How a topic may stand and still be asked about: not denied or put in the past. */
const ASKED: ReadonlySet<SpanContext['status']> = new Set(['present', 'hypothetical']);

/**
 * Where the question in a window (part of one sentence, tokens `from` to `to`, exclusive) starts, as
 * a token index, or undefined for a statement. A question opens at its opener word ("what", "can")
 * at the start of the sentence or after a comma, so that "I ran out yesterday, what are the
 * withdrawal signs?" still reports running out.
 */
function questionStart(tokens: readonly Token[], window: Window, compiled: CompiledKnowledge): number | undefined {
  const { questionOpeners: openers, questionWords, questionSubjects, conditionOpeners, clauseLinks } = compiled;
  let firstWord = -1;
  let firstOpener = -1;
  let lastOpener = -1;
  let inner = -1;
  for (let i = window.from; i < window.to; i += 1) {
    const token = tokens[i];
    if (token.kind === 'punct') continue;
    if (firstWord < 0) firstWord = i;
    if (!openers.has(token.text)) continue;
    // "what" asks at the start of a clause ("…, but what is it for?"), not as a relative pronoun ("went
    // to bed early which is normal for him … his lips look blue??"); "can" or "is" only before its
    // subject ("can it", not "my dad is breathing").
    const startsClause = i === window.from || tokens[i - 1].kind === 'punct' || clauseLinks.has(tokens[i - 1].text);
    if (inner < 0 && ((questionWords.has(token.text) && startsClause) || (i + 1 < window.to && questionSubjects.has(tokens[i + 1].text)))) inner = i;
    const opensClause = i === window.from ? !window.continues : tokens[i - 1].kind === 'punct';
    if (opensClause) {
      if (firstOpener < 0) firstOpener = i;
      lastOpener = i;
    }
  }
  if (firstWord < 0) return undefined;
  if (presupposes(tokens, firstWord, window.to, compiled)) return undefined;
  const endsWithQuestionMark = tokens[window.to - 1].text === '?';
  // Without a question mark, "should add: …" states; "should I …" and "what …" still ask, but "is
  // baclofen, she eat 1" names what it was ("[it] is baclofen"): the clause ends at the subject.
  const subject = nextWord(tokens, firstWord, window.to);
  // "when I stand up, head turn": a condition, then the report; "When I went in to her this morning
  // her lips had swollen": a time, then the report. Without a question mark neither asks, unless an
  // opener follows ("when should I worry").
  const condition =
    !endsWithQuestionMark && firstOpener === firstWord && conditionOpeners.has(tokens[firstWord].text) && !openers.has(tokens[subject]?.text ?? '');
  const clauseGoesOn = subject + 1 < window.to && tokens[subject + 1].kind !== 'punct';
  const asksUnmarked =
    firstOpener === firstWord && (questionWords.has(tokens[firstWord].text) || (questionSubjects.has(tokens[subject]?.text ?? '') && clauseGoesOn));
  if (firstOpener >= 0 && !condition && (endsWithQuestionMark || asksUnmarked)) return endsWithQuestionMark ? lastOpener : firstOpener;
  // "but what is it for?": a question word inside the clause, and a question mark.
  if (endsWithQuestionMark && inner >= 0) return inner;
  // "shes acting drunk and really sleepy??": a statement said in alarm, not a question.
  return undefined;
}

/** "why is my son seeing spiders?": a question that takes for granted what it asks about. */
function presupposes(tokens: readonly Token[], first: number, end: number, compiled: CompiledKnowledge): boolean {
  const { openers, verbs, persons } = compiled.presupposing;
  if (!openers.has(tokens[first].text)) return false;
  const verb = nextWord(tokens, first, end);
  const person = nextWord(tokens, verb, end);
  return verbs.has(tokens[verb]?.text ?? '') && persons.has(tokens[person]?.text ?? '');
}

function nextWord(tokens: readonly Token[], after: number, end: number): number {
  for (let i = after + 1; i < end; i += 1) if (tokens[i].kind !== 'punct') return i;
  return end;
}

function attach(attached: Map<PhraseMatch<string>, string[]>, finding: PhraseMatch<string> | undefined, id: string): void {
  const list = finding === undefined ? undefined : attached.get(finding);
  if (list !== undefined && !list.includes(id)) list.push(id);
}

/**
 * Which findings each modifier applies to. A `sentence` modifier applies to every finding in its
 * sentence; a `near` one to the finding it touches: inside it, the next one within three words
 * ("a bit dizzy"), or else the previous one within three words ("dizzy, only a bit").
 */
function attachModifiers(
  findings: readonly PhraseMatch<string>[],
  modifiers: readonly PhraseMatch<string>[],
  tokens: readonly Token[],
  compiled: CompiledKnowledge,
): Map<PhraseMatch<string>, string[]> {
  const attached = new Map<PhraseMatch<string>, string[]>(findings.map((f) => [f, []]));
  const isNear = (m: PhraseMatch<string>) => compiled.knowledge.modifiers.get(m.key)?.reach === 'near';
  const nears = modifiers.filter(isNear);
  // The nearer of two intensifiers speaks for a finding: in "fine really, bit sleepier" it is "bit".
  const nearModifierWithin = (from: number, to: number) => nears.some((o) => o.first >= from && o.last <= to);
  for (const m of modifiers) {
    const sentence = tokens[m.first].sentence;
    const same = findings.filter((f) => tokens[f.first].sentence === sentence);
    if (!isNear(m)) {
      same.forEach((f) => attach(attached, f, m.key));
      continue;
    }
    const inside = same.find((f) => m.first >= f.first && m.last <= f.last);
    const next = same.find((f) => f.first > m.last && wordsBetween(tokens, m.last + 1, f.first - 1) < NEAR && !nearModifierWithin(m.last + 1, f.first - 1));
    const previous = [...same].reverse().find((f) => f.last < m.first && wordsBetween(tokens, f.last + 1, m.first - 1) < NEAR && !nearModifierWithin(f.last + 1, m.first - 1));
    attach(attached, inside ?? next ?? previous, m.key);
  }
  return attached;
}

const NONE: readonly never[] = [];

/** Trigger categories that say something of the whole message rather than of a finding. */
const MARKS_MESSAGE: ReadonlySet<string> = new Set(['correction', 'general']);

/** A stretch of one sentence read on its own, tokens `from` to `to` (exclusive); matches starting before `owned` belong to it. */
interface Window {
  readonly from: number;
  readonly to: number;
  readonly owned: number;
  /** True when the window does not start at the start of its sentence. */
  readonly continues: boolean;
}

/**
 * The message cut into sentences, and long sentences into overlapping windows, so that every
 * step of analysis works on a bounded stretch and the whole costs time linear in the message.
 * Nothing in analysis crosses a sentence; a match shorter than the overlap lies whole in the
 * window where it starts.
 */
function windows(tokens: readonly Token[], size: { readonly tokens: number; readonly overlap: number }): Window[] {
  const out: Window[] = [];
  const step = size.tokens - size.overlap;
  let from = 0;
  while (from < tokens.length) {
    let to = from;
    while (to < tokens.length && tokens[to].sentence === tokens[from].sentence) to += 1;
    for (let start = from; start < to; start += step) {
      const end = Math.min(to, start + size.tokens);
      out.push({ from: start, to: end, owned: end === to ? end : start + step, continues: start > from });
      if (end === to) break;
    }
    from = to;
  }
  return out;
}

/**
 * The matches that lie whole inside a window, in their order. Matching the whole message once
 * and keeping these gives what matching the window's tokens alone would: a phrase is matched
 * from its first word onwards, within its sentence.
 */
function within<K>(matches: readonly PhraseMatch<K>[], window: Window): readonly PhraseMatch<K>[] {
  let low = 0;
  let high = matches.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (matches[middle].first < window.from) low = middle + 1;
    else high = middle;
  }
  let end = low;
  let whole = true;
  for (; end < matches.length && matches[end].first < window.to; end += 1) if (matches[end].last >= window.to) whole = false;
  if (end === low) return NONE;
  if (whole) return matches.slice(low, end);
  return matches.slice(low, end).filter((m) => m.last < window.to);
}

type WindowMatches = { readonly [N in keyof PhraseKinds]: readonly PhraseMatch<PhraseKinds[N]>[] };

function matchesWithin(matched: PhraseSetMatches<PhraseKinds>, window: Window): WindowMatches {
  return {
    findings: within(matched.findings, window),
    concepts: within(matched.concepts, window),
    idioms: within(matched.idioms, window),
    modifiers: within(matched.modifiers, window),
    topics: within(matched.topics, window),
    context: within(matched.context, window),
  };
}

/**
 * Reads one message: which findings it reports (or rules out, or only asks about), which topics
 * it asks about, and the words behind each. Pure: the same text always gives the same analysis.
 */
export function analyse(compiled: CompiledKnowledge, text: string): Analysis {
  const findings: FindingMatch[] = [];
  const topics: TopicMatch[] = [];
  let anyQuestion = false;
  let correction: Evidence | undefined;
  let general = false;
  const wholeMessage = new Set<string>();
  const tokens = respell(tokenise(text), compiled.respellings);
  const matched = compiled.phrases.match(tokens);
  for (const window of windows(tokens, compiled.window)) {
    const part = analyseWindow(compiled, text, tokens, window, matchesWithin(matched, window));
    findings.push(...part.findings);
    part.messageModifiers.forEach((id) => wholeMessage.add(id));
    for (const topic of part.topics) if (!topics.some((t) => t.id === topic.id)) topics.push(topic);
    anyQuestion ||= part.anyQuestion;
    correction ??= part.correction;
    general ||= part.general;
  }
  if (wholeMessage.size > 0) {
    findings.forEach((f, i) => {
      findings[i] = { ...f, modifiers: [...new Set([...f.modifiers, ...wholeMessage])] };
    });
  }
  // Context alone ("my husband has a pump, is it safe?") does not stop a question being one.
  const reports = findings.some((f) => f.status === 'present' && compiled.knowledge.findings.get(f.id)?.tier !== 'info');
  const saysOfEarlier = !reports && wholeMessage.size > 0;
  return {
    findings,
    topics: general ? topics.map((t) => (t.own ? t : { ...t, general: true as const })) : topics,
    isQuestion: anyQuestion && !reports,
    ...(correction === undefined ? {} : { correction }),
    ...(saysOfEarlier ? { modifiers: [...wholeMessage] } : {}),
  };
}

/** A negation inside a finding's span but not among its own words ("pump no alarms"). */
function negatedInside(m: PhraseMatch<string>, triggers: readonly TriggerMatch[]): TriggerMatch | undefined {
  return triggers.find(
    (t) => t.key.category === 'negated' && t.key.direction !== 'backward' && t.first > m.first && t.last < m.last && !m.at.some((i) => i >= t.first && i <= t.last),
  );
}

function analyseWindow(
  compiled: CompiledKnowledge,
  text: string,
  tokens: readonly Token[],
  window: Window,
  matched: WindowMatches,
): {
  findings: readonly FindingMatch[];
  topics: readonly TopicMatch[];
  anyQuestion: boolean;
  messageModifiers: readonly string[];
  correction?: Evidence;
  general: boolean;
} {
  // Where the window's question starts (token index), if it asks one.
  const question = questionStart(tokens, window, compiled);
  // Idioms say nothing of severity or time either: "on baclofen for a fortnight now" dates the medicine.
  const modifierMatches = matched.modifiers.length === 0 ? NONE : longestFirst(literal(matched.modifiers, matched.idioms));
  // Every combination needs two concepts: with fewer, and no phrase, the window reports nothing.
  const reports = matched.findings.length > 0 || matched.concepts.length > 1;
  const said = reports ? findingMatchesIn(compiled, tokens, matched) : undefined;
  // Only a phrase's own words are protected from reading as triggers: a negation in its gap
  // ("pump no alarms", "face no swell") is a negation of it.
  const ownWords = said === undefined ? undefined : new Set(said.matches.flatMap((m) => m.at));
  // Triggers matter to findings and topics, and mark corrections and general questions; a window
  // with none of these (most of a long message) skips choosing them.
  const needed = said !== undefined || matched.topics.length > 0 || matched.context.some((t) => MARKS_MESSAGE.has(t.key.category));
  const triggers = !needed || matched.context.length === 0 ? NONE : selectTriggers(matched.context, (i) => ownWords?.has(i) ?? false);
  const findings = said === undefined ? NONE : findingsIn(compiled, text, tokens, window, said, triggers, modifierMatches, question);

  let topics: TopicMatch[] | undefined;
  for (const m of matched.topics) {
    if (m.first >= window.owned || (topics?.some((t) => t.id === m.key) ?? false)) continue;
    // "I'm not planning to stop" does not ask about stopping, nor "the diazepam I had years ago" about diazepam.
    if (triggers.length > 0 && !ASKED.has(contextOf(m, tokens, triggers).status)) continue;
    const own = m.first > 0 && compiled.possessives.has(tokens[m.first - 1].text);
    (topics ??= []).push({ id: m.key, evidence: evidence(text, tokens, m.first, m.last, ruleOf(m)), ...(own ? { own: true as const } : {}) });
  }
  let messageModifiers: string[] | undefined;
  for (const m of modifierMatches) {
    if (m.first < window.owned && compiled.knowledge.modifiers.get(m.key)?.reach === 'message') (messageModifiers ??= []).push(m.key);
  }
  let corrects: TriggerMatch | undefined;
  let general = false;
  for (const t of triggers) {
    if (t.first >= window.owned) continue;
    if (t.key.category === 'correction') corrects ??= t;
    else if (t.key.category === 'general') general = true;
  }
  const part = { findings, topics: topics ?? NONE, anyQuestion: question !== undefined, messageModifiers: messageModifiers ?? NONE, general };
  if (corrects === undefined) return part;
  return { ...part, correction: evidence(text, tokens, corrects.first, corrects.last, `correction "${corrects.key.literal}"`) };
}

/**
 * The matches none of whose own words lies inside an idiom ("fit and well", "confused about"),
 * unless the match holds the whole idiom and is at least as long ("confused about where he is",
 * "pump fitted").
 */
function literal<K>(matches: readonly PhraseMatch<K>[], idioms: readonly PhraseMatch<string>[]): readonly PhraseMatch<K>[] {
  if (idioms.length === 0) return matches;
  return matches.filter(
    (m) => !idioms.some((i) => i.at.some((t) => m.at.includes(t)) && !(m.at.length >= i.at.length && i.at.every((t) => m.at.includes(t)))),
  );
}

/** The finding phrases a window says, in its own words or pieced together from concepts. */
interface Said {
  readonly matches: readonly PhraseMatch<string>[];
  /** The matches pieced together from concepts. */
  readonly combined: readonly PhraseMatch<string>[];
}

/** The finding matches of a window: idioms, longer phrases and overriding findings taken out. */
function findingMatchesIn(compiled: CompiledKnowledge, tokens: readonly Token[], matched: WindowMatches): Said | undefined {
  const known = compiled.knowledge.findings;
  const phraseMatches = bestPerKey(literal(matched.findings, matched.idioms));
  // A finding said in its own words wins over the same words pieced together from concepts.
  const combinations = findCombinations(literal(matched.concepts, matched.idioms), compiled.combinations, tokens).filter(
    (c) => !phraseMatches.some((m) => m.key === c.match.key && overlaps(m, c.match)),
  );
  const all = combinations.length === 0 ? phraseMatches : [...phraseMatches, ...combinations.map((c) => c.match)];
  // An overriding finding wins over what it overlaps unless that holds all its words and more:
  // "decided to stop the baclofen on Sunday" is a stop that happened, not only a wish to stop.
  const saysMore = (m: PhraseMatch<string>, o: PhraseMatch<string>) => m.at.length > o.at.length && o.at.every((t) => m.at.includes(t));
  const matches = sortSmall(
    all.filter((m) => !all.some((o) => o !== m && overlaps(o, m) && !saysMore(m, o) && (known.get(o.key)?.overrides.includes(m.key) ?? false))),
    byFirst,
  );
  if (matches.length === 0) return undefined;
  return { matches, combined: combinations.map((c) => c.match) };
}

/** The findings a window reports, rules out or only asks about, each with its evidence and modifiers. */
function findingsIn(
  compiled: CompiledKnowledge,
  text: string,
  tokens: readonly Token[],
  window: Window,
  said: Said,
  triggers: readonly TriggerMatch[],
  modifierMatches: readonly PhraseMatch<string>[],
  question: number | undefined,
): FindingMatch[] {
  const known = compiled.knowledge.findings;
  // Whether the question reports something ("my husband", "he is").
  const report = question !== undefined && triggers.some((t) => t.key.category === 'report' && t.first >= question);
  const modifiers = attachModifiers(said.matches, modifierMatches, tokens, compiled);
  const findings: FindingMatch[] = [];
  for (const m of said.matches) {
    if (m.first >= window.owned) continue;
    const id = m.key;
    const found = evidence(text, tokens, m.first, m.last, said.combined.includes(m) ? `concepts ${m.phrase}` : ruleOf(m));
    const attached = modifiers.get(m) ?? [];
    const inside = negatedInside(m, triggers);
    const context = inside === undefined ? contextOf(m, tokens, outerTriggers(m, tokens, triggers, compiled.negationWords)) : { status: 'negated' as const, trigger: inside };
    const finding = known.get(id);
    // Thoughts of self-harm count however they are put: "I want to", "thinking of" are the finding.
    const wished = context.status === 'hypothetical' && finding?.counts_when_wished === true;
    // A lasting state ("has a pump") is not ended by wording that puts its start in the past, nor by
    // a "no" earlier in a list ("No pump alarm, refill was last month"): only one said right before it
    // ("he has no pump") denies it.
    const lasting =
      finding?.ongoing === true &&
      (context.status === 'historical' || (context.status === 'negated' && inside === undefined && !negatedRightBefore(m, tokens, triggers, compiled.knowledge.context.matching.lasting_negation_reach)));
    if (context.trigger !== undefined && !wished && !lasting) {
      const t = context.trigger;
      const trigger = evidence(text, tokens, t.first, t.last, `${t.key.category} trigger "${t.key.literal}"`);
      findings.push({ id, evidence: found, modifiers: attached, status: context.status, trigger });
    } else if (question !== undefined && m.first > question && !report) {
      // A phrase that itself opens with the question word ("what's the point anymore", "could just
      // take the lot") is the person's own wording, not a question about it.
      const trigger = evidence(text, tokens, question, question, 'a question, not a report');
      findings.push({ id, evidence: found, modifiers: attached, status: 'hypothetical', trigger });
    } else {
      findings.push({ id, evidence: found, modifiers: attached, status: 'present' });
    }
  }
  return findings;
}

/**
 * The triggers whose scope may reach a finding. A finding said as a negation ("no can wake", "not
 * breathing") is a clause of its own: an earlier negation does not reach over it ("she no open
 * eye, no can wake").
 */
function outerTriggers(m: PhraseMatch<string>, tokens: readonly Token[], triggers: readonly TriggerMatch[], negationWords: ReadonlySet<string>): readonly TriggerMatch[] {
  if (!negationWords.has(tokens[m.first].text)) return triggers;
  return triggers.filter((t) => !(t.key.category === 'negated' && t.last < m.first));
}

/** Whether a negation stands at most `reach` words before a match ("he has no pump", "no ITB"). */
function negatedRightBefore(m: PhraseMatch<string>, tokens: readonly Token[], triggers: readonly TriggerMatch[], reach: number): boolean {
  return triggers.some((t) => t.key.category === 'negated' && t.last < m.first && wordsBetween(tokens, t.last + 1, m.first - 1) <= reach);
}
