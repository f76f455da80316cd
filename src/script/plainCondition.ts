import { CONDITION_KEYS, type Condition } from '../dialogs/dialogSchema';
import { findingName, groupName, listOf, withoutCue, type ScriptContext } from './scriptContext';

type ConditionKey = (typeof CONDITION_KEYS)[number];

/**
 * When a step applies, as a nurse would say it: `{ when: 'if', text }` or `{ when: 'unless', text }`;
 * `always` for staff (a patient-only step is `never`). Never a step id or an engine term.
 */
export type PlainCondition = { readonly when: 'if' | 'unless'; readonly text: string } | { readonly when: 'always' | 'never' };

const ANSWER_WORDS: Readonly<Record<string, string>> = { yes: '“yes”', no: '“no”', unsure: '“not sure”' };

/** What staff said last, named by what it asked: a reply id is `flow.step`. */
function lastSaid(c: ScriptContext, id: string): string {
  const [flowId, stepId] = id.split('.');
  const step = c.d.flows.get(flowId ?? '')?.steps.find((s) => s.id === stepId);
  if (step === undefined) return 'you last spoke';
  switch (step.kind) {
    case 'screen':
      return 'the caller has answered the red-flag questions';
    case 'ask_text':
    case 'ask_yes_no':
    case 'ask_choice':
      return `the caller answers “${withoutCue(step.ask.prompt.staff)}”`;
    case 'say':
      return `the caller answers “${withoutCue(step.say.staff)}”`;
    default:
      return 'you last spoke';
  }
}

/**
 * One describer per condition key: the Record type makes a key added to the dialog schema a compile
 * error here until the script can say it in words.
 */
function describers(c: ScriptContext): { [K in ConditionKey]: (value: NonNullable<Condition[K]>) => string } {
  const levels = (v: readonly string[]) => listOf(v.map((l) => (l === 'emergency' ? 'an emergency' : l)));
  return {
    level: (v) => `it is ${levels(v)}`,
    level_at_least: (v) => (v === 'emergency' ? 'it is an emergency' : `it is ${v} or an emergency`),
    finding: (v) => `the caller has reported ${findingName(c, v)}`,
    any_finding: (v) => `the caller has said ${listOf(v.map((id) => findingName(c, id)))}`,
    group: (v) => `the caller has reported ${groupName(c, v)}`,
    answer: (v) => `the caller said ${listOf(v.is.map((a) => ANSWER_WORDS[a] ?? a))} to “${withoutCue(c.k.questions.get(v.question)?.text.staff ?? v.question)}”`,
    slot: (v) => `the caller chose ${listOf(v.is.map((x) => `“${x}”`))}`,
    voice: (v) => (v === 'staff' ? 'you are using the script' : 'you are not using the script'),
    message_has_findings: (v) => (v ? 'the caller describes a symptom or situation' : 'the caller describes no symptom'),
    message_has_context: (v) => (v ? 'the caller gives background, such as a baclofen pump' : 'the caller gives no background'),
    message_raises_level: (v) => (v ? 'what the caller says makes it more urgent' : 'what the caller says makes it no more urgent'),
    message_has_topics: (v) => (v ? 'the caller asks about something the answers below cover' : 'no answer below covers the question'),
    message_is_question: (v) => (v ? 'the caller asks a question' : 'the caller asks no question'),
    message_is_closing: (v) => (v ? 'the caller has nothing else' : 'the caller has more to say'),
    message_is_greeting: (v) => (v ? 'the caller only says hello' : 'the caller says more than hello'),
    message_other_language: (v) => (v ? 'the caller speaks another language' : 'the caller speaks English'),
    message_unplaced_report: (v) => (v ? 'the caller reports something not recognised (the body, distress, a person)' : 'the caller reports nothing unrecognised'),
    message_finding: (v) => `the caller says ${findingName(c, v)}`,
    message_group: (v) => `the caller says ${groupName(c, v)}`,
    message_answer: (v) => `the caller says ${listOf(v.map((a) => ANSWER_WORDS[a] ?? a))}`,
    message_changes_advice: (v) => (v ? 'the caller reports something new after the advice' : 'the caller adds nothing to the advice'),
    after_reply: (v) => listOf([...new Set(v.map((id) => lastSaid(c, id)))]),
    advice_stands: (v) => (v ? 'the advice you gave still fits' : 'the answers change the advice you gave'),
    all: (v) => listOf(v.map((x) => sentence(c, x)), 'and'),
    any: (v) => listOf(v.map((x) => sentence(c, x))),
    not: (v) => `not: ${sentence(c, v)}`,
  };
}

function sentence(c: ScriptContext, condition: Condition): string {
  const say = describers(c);
  for (const key of CONDITION_KEYS) {
    const value = condition[key];
    if (value !== undefined) return (say[key] as (v: typeof value) => string)(value);
  }
  return 'always';
}

/** Whether a condition only ever holds for patients (`voice: patient`), or always for staff. */
function forStaff(condition: Condition): boolean | undefined {
  if (condition.voice !== undefined) return condition.voice === 'staff';
  if (condition.all !== undefined) {
    const parts = condition.all.map(forStaff);
    return parts.includes(false) ? false : undefined;
  }
  return undefined;
}

/** A step's `when` for the script: staff-only conditions drop out, patient-only ones mean "never". */
export function plainCondition(c: ScriptContext, condition: Condition | undefined): PlainCondition {
  if (condition === undefined) return { when: 'always' };
  const staff = forStaff(condition);
  if (staff === false) return { when: 'never' };
  if (staff === true) return { when: 'always' };
  if (condition.any !== undefined && condition.any.some((x) => x.voice === 'staff')) return { when: 'always' };
  if (condition.not !== undefined) return { when: 'unless', text: sentence(c, condition.not) };
  const parts = (condition.all ?? [condition]).filter((x) => x.voice === undefined);
  return { when: 'if', text: listOf(parts.map((x) => sentence(c, x)), 'and') };
}
