import { compilePhrase, longestFirst, PhraseMatcher, type Pattern, type PhraseMatch } from './phraseMatcher';
import { wordsBetween, type Token } from './tokenise';

export type ContextCategory = 'negated' | 'hypothetical' | 'historical' | 'pseudo' | 'terminate' | 'report' | 'correction' | 'general';
export type ContextDirection = 'forward' | 'backward' | 'bidirectional' | 'none';

/** A NegEx/ConText trigger as content gives it. */
export interface ContextTrigger {
  readonly literal: string;
  readonly category: ContextCategory;
  readonly direction: ContextDirection;
  readonly max_scope?: number;
  /** For terminating triggers: the scopes they end (all when absent). */
  readonly terminates?: readonly ('negated' | 'hypothetical' | 'historical')[];
  /** A historical trigger that opens a clause about the one before it reaches back over the comma. */
  readonly points_back?: true;
}

export type TriggerMatch = PhraseMatch<ContextTrigger>;

/** A span of tokens, by index, first and last inclusive. */
export interface TokenSpan {
  readonly first: number;
  readonly last: number;
}

/** NegEx's backward scope: five words. */
const DEFAULT_BACKWARD_SCOPE = 5;

/** Context triggers as phrases to match (no gaps: a trigger is said as written). */
export function triggerPatterns(triggers: readonly ContextTrigger[]): Pattern<ContextTrigger>[] {
  return triggers.map((t) => ({ key: t, phrase: t.literal, tokens: compilePhrase(t.literal) }));
}

/** Words a trigger may be matched with: none between its own words. */
export const TRIGGER_GAP = 0;

// Categories that mark the message, with no scope over findings.
const UNSCOPED: ReadonlySet<ContextCategory> = new Set(['report', 'correction', 'general']);

/**
 * The triggers that count among those matched: pseudo-triggers win over the shorter triggers
 * inside them ("no change" is not "no"), and any trigger made only of protected words (a matched
 * finding's own words) is dropped. Report, correction and general markers are kept apart from scope
 * triggers, so that one word can be both ("my" ends a negation's scope and marks a question as a report).
 */
export function selectTriggers(matched: readonly TriggerMatch[], isProtected: (index: number) => boolean): TriggerMatch[] {
  const reports: TriggerMatch[] = [];
  const scoped: TriggerMatch[] = [];
  for (const m of matched) (UNSCOPED.has(m.key.category) ? reports : scoped).push(m);
  const out: TriggerMatch[] = [];
  for (const m of longestFirst(scoped)) if (!guarded(m, isProtected)) out.push(m);
  for (const m of longestFirst(reports)) if (!guarded(m, isProtected)) out.push(m);
  return out;
}

// A trigger made only of a finding's own words ("not" in "not breathing") is part of that finding;
// one that merely touches it ("if i stop" before "stop baclofen") still counts.
function guarded(m: TokenSpan, isProtected: (index: number) => boolean): boolean {
  for (let i = m.first; i <= m.last; i += 1) if (!isProtected(i)) return false;
  return true;
}

/** Finds context triggers in tokens on its own (the engine matches them with the other phrase sets). */
export class ContextMatcher {
  private readonly matcher: PhraseMatcher<ContextTrigger>;

  constructor(triggers: readonly ContextTrigger[]) {
    this.matcher = new PhraseMatcher(triggerPatterns(triggers), { maxGap: TRIGGER_GAP });
  }

  /** Triggers in the tokens, minus any that sit inside a protected span (see `selectTriggers`). */
  find(tokens: readonly Token[], protectedSpans: readonly TokenSpan[]): TriggerMatch[] {
    return selectTriggers(this.matcher.match(tokens), (i) => protectedSpans.some((p) => p.first <= i && i <= p.last));
  }
}

function blocked(scope: ContextCategory, triggers: readonly TriggerMatch[], tokens: readonly Token[], from: number, to: number, stopAtComma: boolean): boolean {
  for (const t of triggers) {
    if (t.first < from || t.last > to || t.key.category !== 'terminate') continue;
    if (t.key.terminates === undefined || (t.key.terminates as readonly ContextCategory[]).includes(scope)) return true;
  }
  if (stopAtComma) {
    for (let i = from; i <= to; i += 1) if (tokens[i].kind === 'punct') return true;
  }
  return false;
}

function covers(trigger: TriggerMatch, span: TokenSpan, tokens: readonly Token[], triggers: readonly TriggerMatch[]): boolean {
  const { direction, max_scope: maxScope } = trigger.key;
  const sentence = tokens[trigger.first].sentence;
  if (tokens[span.first].sentence !== sentence) return false;
  const forward = direction === 'forward' || direction === 'bidirectional';
  const backward = direction === 'backward' || direction === 'bidirectional';
  if (forward && trigger.first < span.first) {
    const distance = wordsBetween(tokens, trigger.last + 1, span.last);
    if (maxScope !== undefined && distance > maxScope) return false;
    return !blocked(trigger.key.category, triggers, tokens, trigger.last + 1, span.first - 1, false);
  }
  if (backward && span.last < trigger.first) {
    const distance = wordsBetween(tokens, span.first, trigger.first - 1);
    if (distance > (maxScope ?? DEFAULT_BACKWARD_SCOPE)) return false;
    return !blocked(trigger.key.category, triggers, tokens, span.last + 1, trigger.first - 1, !historyAfterComma(trigger, tokens, span));
  }
  return false;
}

/**
 * "a fit, years and years ago.": history said straight after a comma, and closing its clause, still
 * reaches back over it. Only one comma, with the trigger right behind it and nothing said after it
 * ("he's fitting, years ago he had one too" is two clauses); a word of the present ("now", "today")
 * between them still stops it, as a terminating trigger. A trigger that points back ("…, but that
 * was back in 2009 before any of this") may have more said after it.
 */
function historyAfterComma(trigger: TriggerMatch, tokens: readonly Token[], span: TokenSpan): boolean {
  if (trigger.key.category !== 'historical' || tokens[trigger.first - 1]?.text !== ',') return false;
  // "lips swelled up, all that, but that was in the 90s": what points back reaches the whole sentence before it.
  if (trigger.key.points_back === true) return true;
  const after = tokens[trigger.last + 1];
  if (after !== undefined && after.kind !== 'punct' && after.sentence === tokens[trigger.last].sentence) return false;
  for (let i = span.last + 1; i < trigger.first - 1; i += 1) if (tokens[i].kind === 'punct') return false;
  return true;
}

export interface SpanContext {
  readonly status: 'present' | 'negated' | 'hypothetical' | 'historical';
  readonly trigger?: TriggerMatch;
}

// When several triggers cover a span, the one that most clearly says "not now" wins.
const PRECEDENCE: readonly SpanContext['status'][] = ['negated', 'historical', 'hypothetical'];

/**
 * NegEx/ConText over one span: negated, historical or hypothetical when a trigger of that category
 * covers it. A forward scope runs to the end of the sentence unless a terminating trigger ("but",
 * "I") ends it; a backward scope runs five words and stops at a comma, except history said right
 * after one.
 */
export function contextOf(span: TokenSpan, tokens: readonly Token[], triggers: readonly TriggerMatch[]): SpanContext {
  let best: SpanContext = { status: 'present' };
  for (const trigger of triggers) {
    const status = trigger.key.category;
    if (status !== 'negated' && status !== 'hypothetical' && status !== 'historical') continue;
    if (!covers(trigger, span, tokens, triggers)) continue;
    if (best.status === 'present' || PRECEDENCE.indexOf(status) < PRECEDENCE.indexOf(best.status)) best = { status, trigger };
  }
  return best;
}
