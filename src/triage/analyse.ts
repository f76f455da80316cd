import { contextOf, type TriggerMatch } from '../nlp/context';
import { bestPerKey, longestFirst, overlaps, type PhraseMatch } from '../nlp/phraseMatcher';
import { respell } from '../nlp/respell';
import { tokenise, wordsBetween, type Token } from '../nlp/tokenise';
import { findCombinations } from './combinations';
import type { CompiledKnowledge } from './compile';
import type { Analysis, Evidence, FindingMatch, TopicMatch } from './types';

/** How far a `near` modifier reaches, in words, before or after a finding. */
const NEAR = 3;

function evidence(text: string, tokens: readonly Token[], first: number, last: number, rule: string): Evidence {
  const start = tokens[first].start;
  const end = tokens[last].end;
  return { text: text.slice(start, end), start, end, rule };
}

function ruleOf(match: PhraseMatch<unknown>): string {
  const typos = match.typos.map((t) => ` (typo "${t.typed}" for "${t.meant}")`).join('');
  return `phrase "${match.phrase}"${typos}`;
}

/**
 * Where the question in a sentence starts, as an index into `tokens`, or undefined for a statement.
 * A question opens at its opener word ("what", "can") at the start of the sentence or after a comma,
 * so that "I ran out yesterday, what are the withdrawal signs?" still reports running out.
 */
function questionStart(tokens: readonly Token[], openers: ReadonlySet<string>, continues: boolean): number | undefined {
  const own = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.kind !== 'punct');
  if (own.length === 0) return undefined;
  const opensClause = (i: number) => (i === 0 ? !continues : tokens[i - 1].kind === 'punct');
  const starts = own.filter(({ t, i }) => openers.has(t.text) && opensClause(i)).map(({ i }) => i);
  const endsWithQuestionMark = tokens.at(-1)?.text === '?';
  if (starts.length > 0 && (endsWithQuestionMark || starts[0] === own[0].i)) return endsWithQuestionMark ? starts[starts.length - 1] : starts[0];
  // "but what is it for?": a question word inside the clause, and a question mark.
  const inner = own.find(({ t }) => openers.has(t.text));
  if (endsWithQuestionMark && inner !== undefined) return inner.i;
  // "shes acting drunk and really sleepy??": a statement said in alarm, not a question.
  return undefined;
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
  const add = (f: PhraseMatch<string> | undefined, id: string) => {
    const list = f === undefined ? undefined : attached.get(f);
    if (list !== undefined && !list.includes(id)) list.push(id);
  };
  for (const m of modifiers) {
    const sentence = tokens[m.first].sentence;
    const same = findings.filter((f) => tokens[f.first].sentence === sentence);
    if ((compiled.knowledge.modifiers.get(m.key)?.reach ?? 'sentence') !== 'near') {
      same.forEach((f) => add(f, m.key));
      continue;
    }
    const inside = same.find((f) => m.first >= f.first && m.last <= f.last);
    const next = same.find((f) => f.first > m.last && wordsBetween(tokens, m.last + 1, f.first - 1) < NEAR);
    const previous = [...same].reverse().find((f) => f.last < m.first && wordsBetween(tokens, f.last + 1, m.first - 1) < NEAR);
    add(inside ?? next ?? previous, m.key);
  }
  return attached;
}

/** A stretch of one sentence read on its own; matches starting before `owned` belong to it. */
interface Window {
  readonly tokens: readonly Token[];
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
      out.push({ tokens: tokens.slice(start, end), owned: end === to ? end - start : step, continues: start > from });
      if (end === to) break;
    }
    from = to;
  }
  return out;
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
  for (const window of windows(respell(tokenise(text), compiled.respellings), compiled.window)) {
    const part = analyseWindow(compiled, text, window);
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
  return {
    findings,
    topics: general ? topics.map((t) => ({ ...t, general: true as const })) : topics,
    isQuestion: anyQuestion && !reports,
    ...(correction === undefined ? {} : { correction }),
  };
}

function analyseWindow(
  compiled: CompiledKnowledge,
  text: string,
  { tokens, owned, continues }: Window,
): { findings: FindingMatch[]; topics: TopicMatch[]; anyQuestion: boolean; messageModifiers: string[]; correction?: Evidence; general: boolean } {
  // Words inside an idiom ("fit and well", "confused about") report nothing, unless a longer
  // finding phrase holds the whole idiom ("confused about where he is").
  const idioms = compiled.idioms.match(tokens);
  const literal = (m: PhraseMatch<string>) =>
    !idioms.some((i) => i.at.some((t) => m.at.includes(t)) && !(i.at.every((t) => m.at.includes(t)) && m.at.length > i.at.length));
  const phraseMatches = bestPerKey(compiled.findings.match(tokens).filter(literal));
  // A finding said in its own words wins over the same words pieced together from concepts.
  const combinations = findCombinations(compiled.concepts.match(tokens).filter(literal), compiled.combinations, tokens).filter(
    (c) => !phraseMatches.some((m) => m.key === c.match.key && overlaps(m, c.match)),
  );
  const all = [...phraseMatches, ...combinations.map((c) => c.match)];
  const overridden = (m: PhraseMatch<string>) =>
    all.some((o) => o !== m && overlaps(o, m) && (compiled.knowledge.findings.get(o.key)?.overrides.includes(m.key) ?? false));
  const findingMatches = all.filter((m) => !overridden(m)).sort((a, b) => a.first - b.first);
  const combined = new Set(combinations.map((c) => c.match));
  // Only a phrase's own words are protected from reading as triggers: a negation in its gap
  // ("pump no alarms", "face no swell") is a negation of it.
  const own = findingMatches.flatMap((m) => m.at.map((i) => ({ first: i, last: i })));
  const triggers = compiled.context.find(tokens, own);
  const negatedInside = (m: PhraseMatch<string>) =>
    triggers.find(
      (t) => t.key.category === 'negated' && t.key.direction !== 'backward' && t.first > m.first && t.last < m.last && !m.at.some((i) => i >= t.first && i <= t.last),
    );
  // A finding said as a negation ("no can wake", "not breathing") is a clause of its own: an
  // earlier negation does not reach over it ("she no open eye, no can wake").
  const outerTriggers = (m: PhraseMatch<string>) =>
    compiled.negationWords.has(tokens[m.first].text) ? triggers.filter((t) => !(t.key.category === 'negated' && t.last < m.first)) : triggers;
  const modifierMatches = longestFirst(compiled.modifiers.match(tokens));

  // Per sentence: where its question starts (token index), and whether the question reports something.
  const sentences = new Map<number, { question?: number; report: boolean }>();
  const sentenceOf = (n: number) => {
    let info = sentences.get(n);
    if (info === undefined) {
      const offset = tokens.findIndex((t) => t.sentence === n);
      const start = questionStart(tokens.filter((t) => t.sentence === n), compiled.questionOpeners, continues);
      const question = start === undefined ? undefined : offset + start;
      info = {
        ...(question === undefined ? {} : { question }),
        report: triggers.some((t: TriggerMatch) => t.key.category === 'report' && tokens[t.first].sentence === n && t.first >= (question ?? 0)),
      };
      sentences.set(n, info);
    }
    return info;
  };

  const modifiers = attachModifiers(findingMatches, modifierMatches, tokens, compiled);
  const findings: FindingMatch[] = findingMatches.filter((m) => m.first < owned).map((m) => {
    const base = {
      id: m.key,
      evidence: evidence(text, tokens, m.first, m.last, combined.has(m) ? `concepts ${m.phrase}` : ruleOf(m)),
      modifiers: modifiers.get(m) ?? [],
    };
    const inside = negatedInside(m);
    const context = inside === undefined ? contextOf(m, tokens, outerTriggers(m)) : { status: 'negated' as const, trigger: inside };
    // Thoughts of self-harm count however they are put: "I want to", "thinking of" are the finding.
    const finding = compiled.knowledge.findings.get(m.key);
    const wished = context.status === 'hypothetical' && finding?.counts_when_wished === true;
    const lasting = context.status === 'historical' && finding?.ongoing === true;
    if (context.trigger !== undefined && !wished && !lasting) {
      const t = context.trigger;
      return { ...base, status: context.status, trigger: evidence(text, tokens, t.first, t.last, `${t.key.category} trigger "${t.key.literal}"`) };
    }
    const sentence = sentenceOf(tokens[m.first].sentence);
    // A phrase that itself opens with the question word ("what's the point anymore", "could just
    // take the lot") is the person's own wording, not a question about it.
    if (sentence.question !== undefined && m.first > sentence.question && !sentence.report) {
      return { ...base, status: 'hypothetical', trigger: evidence(text, tokens, sentence.question, sentence.question, 'a question, not a report') };
    }
    return { ...base, status: 'present' };
  });

  const topics: TopicMatch[] = [];
  for (const m of compiled.topics.match(tokens)) {
    if (m.first >= owned || topics.some((t) => t.id === m.key)) continue;
    // "I'm not planning to stop" does not ask about stopping.
    if (contextOf(m, tokens, triggers).status === 'negated') continue;
    topics.push({ id: m.key, evidence: evidence(text, tokens, m.first, m.last, ruleOf(m)) });
  }

  const anyQuestion = tokens.some((t) => sentenceOf(t.sentence).question !== undefined);
  const messageModifiers = modifierMatches
    .filter((m) => m.first < owned && compiled.knowledge.modifiers.get(m.key)?.reach === 'message')
    .map((m) => m.key);
  const corrects = triggers.find((t) => t.key.category === 'correction' && t.first < owned);
  const correction = corrects === undefined ? undefined : evidence(text, tokens, corrects.first, corrects.last, `correction "${corrects.key.literal}"`);
  const general = triggers.some((t) => t.key.category === 'general' && t.first < owned);
  return { findings, topics, anyQuestion, messageModifiers, general, ...(correction === undefined ? {} : { correction }) };
}
