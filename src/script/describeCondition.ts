import type { Knowledge } from '../knowledge/load';
import { CONDITION_KEYS, type Condition } from '../bot/dialogSchema';

type ConditionKey = (typeof CONDITION_KEYS)[number];

const list = (items: readonly string[], word = 'or') =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;

/**
 * One describer per condition key: the Record type makes a key added to the dialog schema a
 * compile error here until the call script can say it in words.
 */
function describers(k: Knowledge): { [K in ConditionKey]: (value: NonNullable<Condition[K]>) => string } {
  const finding = (id: string) => k.findings.get(id)?.name.toLowerCase() ?? id;
  const group = (id: string) => (k.groups.get(id) ?? id).replace(/\.$/, '');
  const reply = (id: string) => {
    const [flow, step] = id.split('.');
    return step === undefined ? `the message “${id}”` : `step ${step} of [${flow}](#flow_${flow})`;
  };
  return {
    level: (v) => `the level so far is ${list(v)}`,
    level_at_least: (v) => `the level so far is ${v} or more urgent`,
    finding: (v) => `the caller has reported ${finding(v)}`,
    any_finding: (v) => `the caller has reported ${list(v.map(finding))}`,
    group: (v) => `the caller has reported something in "${group(v)}"`,
    answer: (v) => `the answer to [${v.question}](#${v.question}) was ${list(v.is)}`,
    slot: (v) => `the answer kept as "${v.name}" was ${list(v.is)}`,
    voice: (v) => `the conversation is in ${v} mode`,
    message_has_findings: (v) => (v ? 'the message describes symptoms or a situation' : 'the message describes no symptom'),
    message_has_context: (v) => (v ? 'the message gives background such as a baclofen pump' : 'the message gives no background'),
    message_raises_level: (v) => (v ? 'the message makes the situation more urgent' : 'the message does not make the situation more urgent'),
    message_has_topics: (v) => (v ? 'the message asks about a topic' : 'the message asks about no topic'),
    message_is_question: (v) => (v ? 'the message is a question' : 'the message is not a question'),
    message_is_closing: (v) => (v ? 'the caller has nothing else' : 'the caller has more to say'),
    message_finding: (v) => `the message reports ${finding(v)}`,
    message_group: (v) => `the message reports something in "${group(v)}"`,
    message_answer: (v) => `the caller answers ${list(v.map((a) => `“${a === 'unsure' ? 'not sure' : a}”`))}, perhaps with more words`,
    message_changes_advice: (v) => (v ? 'after advice, the message reports something new or more urgent' : 'the message adds nothing to the advice given'),
    after_reply: (v) => `the last thing said was ${list(v.map(reply))}`,
    all: (v) => v.map((x) => describeCondition(x, k)).join(' and '),
    any: (v) => `either ${v.map((x) => describeCondition(x, k)).join(', or ')}`,
    not: (v) => `not (${describeCondition(v, k)})`,
  };
}

/** A dialog condition in plain words, for the call script. */
export function describeCondition(c: Condition, k: Knowledge): string {
  const say = describers(k);
  for (const key of CONDITION_KEYS) {
    const value = c[key];
    if (value !== undefined) return (say[key] as (v: typeof value) => string)(value);
  }
  return 'always';
}
