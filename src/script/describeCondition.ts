import type { Knowledge } from '../knowledge/load';
import type { Condition } from '../bot/dialogSchema';

const list = (items: readonly string[], word = 'or') =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;

/** A dialog condition in plain words, for the call script. */
export function describeCondition(c: Condition, k: Knowledge): string {
  const finding = (id: string) => k.findings.get(id)?.name.toLowerCase() ?? id;
  const group = (id: string) => k.groups.get(id) ?? id;
  if (c.level !== undefined) return `the level so far is ${list(c.level)}`;
  if (c.level_at_least !== undefined) return `the level so far is ${c.level_at_least} or more urgent`;
  if (c.finding !== undefined) return `the caller has reported ${finding(c.finding)}`;
  if (c.any_finding !== undefined) return `the caller has reported ${list(c.any_finding.map(finding))}`;
  if (c.group !== undefined) return `the caller has reported something in "${group(c.group)}"`;
  if (c.answer !== undefined) return `the answer to [${c.answer.question}](#${c.answer.question}) was ${list(c.answer.is)}`;
  if (c.slot !== undefined) return `the answer kept as "${c.slot.name}" was ${list(c.slot.is)}`;
  if (c.voice !== undefined) return `the conversation is in ${c.voice} mode`;
  if (c.message_has_findings !== undefined) return c.message_has_findings ? 'the message describes symptoms or a situation' : 'the message describes no symptom';
  if (c.message_has_topics !== undefined) return c.message_has_topics ? 'the message asks about a topic' : 'the message asks about no topic';
  if (c.message_is_question !== undefined) return c.message_is_question ? 'the message is a question' : 'the message is not a question';
  if (c.message_is_closing !== undefined) return c.message_is_closing ? 'the caller has nothing else' : 'the caller has more to say';
  if (c.message_finding !== undefined) return `the message reports ${finding(c.message_finding)}`;
  if (c.message_group !== undefined) return `the message reports something in "${group(c.message_group)}"`;
  if (c.all !== undefined) return c.all.map((x) => describeCondition(x, k)).join(' and ');
  if (c.any !== undefined) return `either ${c.any.map((x) => describeCondition(x, k)).join(', or ')}`;
  if (c.not !== undefined) return `not (${describeCondition(c.not, k)})`;
  return 'always';
}
