import type { ContentProblem } from '../knowledge/contentError';
import type { Knowledge } from '../knowledge/load';
import { ANSWERS } from '../triage/types';
import { MESSAGE_IDS, TOPIC_ASIDE_REPLY_ID, type Condition, type Flow, type FlowStep } from './dialogSchema';
import type { Dialogs } from './loadDialogs';
import { normalizePhrase } from './phraseSet';

interface Files {
  /** The path of a fixed file, e.g. `dialogs/routes.yaml`. */
  name(file: string): string;
  flowFile(id: string): string;
}

type Report = (path: string, message: string) => void;

function known(kind: string, ids: Iterable<string>, id: string): string | undefined {
  const all = Array.from(ids);
  if (all.includes(id)) return undefined;
  const shown = all.length > 12 ? `${all.slice(0, 12).join(', ')}, …` : all.join(', ');
  return `unknown ${kind} id "${id}" (known: ${shown || 'none'})`;
}

/** Checks the ids a condition names; `slots` is undefined where no flow is active (routes). */
function checkCondition(c: Condition, path: string, k: Knowledge, slots: ReadonlySet<string> | undefined, replies: ReadonlySet<string>, report: Report): void {
  const check = (p: string, problem: string | undefined) => problem && report(p, problem);
  if (c.finding !== undefined) check(`${path}.finding`, known('finding', k.findings.keys(), c.finding));
  if (c.message_finding !== undefined) check(`${path}.message_finding`, known('finding', k.findings.keys(), c.message_finding));
  c.any_finding?.forEach((id, i) => check(`${path}.any_finding[${i}]`, known('finding', k.findings.keys(), id)));
  if (c.group !== undefined) check(`${path}.group`, known('group', k.groups.keys(), c.group));
  if (c.message_group !== undefined) check(`${path}.message_group`, known('group', k.groups.keys(), c.message_group));
  if (c.answer !== undefined) check(`${path}.answer.question`, known('question', k.questions.keys(), c.answer.question));
  c.after_reply?.forEach((id, i) => check(`${path}.after_reply[${i}]`, known('reply', replies, id)));
  if (c.slot !== undefined) {
    if (slots === undefined) report(`${path}.slot`, 'slots belong to a flow; a route cannot test one');
    else check(`${path}.slot.name`, known('slot', slots, c.slot.name));
  }
  c.all?.forEach((sub, i) => checkCondition(sub, `${path}.all[${i}]`, k, slots, replies, report));
  c.any?.forEach((sub, i) => checkCondition(sub, `${path}.any[${i}]`, k, slots, replies, report));
  if (c.not !== undefined) checkCondition(c.not, `${path}.not`, k, slots, replies, report);
}

function slotsOf(flow: Flow): Set<string> {
  const slots = new Set<string>();
  for (const step of flow.steps) {
    if (step.kind === 'ask_text' || step.kind === 'ask_yes_no' || step.kind === 'ask_choice') slots.add(step.ask.slot);
  }
  return slots;
}

interface FlowScope {
  readonly flow: Flow;
  readonly stepIds: ReadonlySet<string>;
  readonly slots: ReadonlySet<string>;
  readonly flowIds: ReadonlySet<string>;
  readonly replies: ReadonlySet<string>;
}

function checkStep(step: FlowStep, path: string, scope: FlowScope, k: Knowledge, report: Report): void {
  const { flow, stepIds, slots } = scope;
  const check = (p: string, problem: string | undefined) => problem && report(p, problem);
  if (step.when !== undefined) checkCondition(step.when, `${path}.when`, k, slots, scope.replies, report);
  switch (step.kind) {
    case 'ask_question':
      check(`${path}.ask_yes_no.question`, known('question', k.questions.keys(), step.question));
      break;
    case 'ask_choice': {
      const labels = new Map<string, string>();
      step.ask.choices.forEach((choice, i) => {
        if (choice.adds_finding !== undefined) check(`${path}.ask_choice.choices[${i}].adds_finding`, known('finding', k.findings.keys(), choice.adds_finding));
        for (const [where, phrase] of [['id', choice.id], ['label.patient', choice.label.patient], ['label.staff', choice.label.staff], ...choice.synonyms.map((s, j) => [`synonyms[${j}]`, s])]) {
          const n = normalizePhrase(phrase ?? '');
          const other = labels.get(n);
          if (other !== undefined && other !== choice.id) report(`${path}.ask_choice.choices[${i}].${where}`, `"${phrase}" also picks choice "${other}"`);
          labels.set(n, choice.id);
        }
      });
      break;
    }
    case 'screen':
      step.askAlone.forEach((id, i) => check(`${path}.screen.ask_alone[${i}]`, known('finding category', new Set([...k.findings.values()].map((f) => f.category)), id)));
      break;
    case 'dispose':
      if (step.atLeast !== undefined) check(`${path}.dispose.at_least`, known('disposition', k.dispositions.keys(), step.atLeast));
      break;
    case 'answer_topics':
      step.topics?.forEach((id, i) => check(`${path}.answer_topics.topics[${i}]`, known('topic', k.topics.keys(), id)));
      break;
    case 'next':
      step.rules.forEach((rule, i) => {
        if (rule.if !== undefined) checkCondition(rule.if, `${path}.next[${i}].if`, k, slots, scope.replies, report);
        if (rule.goto !== 'end' && !stepIds.has(rule.goto)) {
          report(`${path}.next[${i}].goto`, `no step "${rule.goto}" in flow "${flow.id}" (steps: ${[...stepIds].join(', ')}, or end)`);
        }
      });
      break;
    case 'link':
      if (!scope.flowIds.has(step.flow)) report(`${path}.link`, `unknown flow "${step.flow}" (flows: ${[...scope.flowIds].join(', ')})`);
      if (step.flow === flow.id) report(`${path}.link`, 'a flow cannot link to itself; use next with goto');
      break;
    default:
      break;
  }
}

function checkFlow(flow: Flow, file: string, ids: Pick<FlowScope, 'flowIds' | 'replies'>, k: Knowledge, problems: ContentProblem[]): void {
  const report: Report = (path, message) => problems.push({ file, path, message });
  const stepIds = new Set<string>();
  flow.steps.forEach((step, i) => {
    if (stepIds.has(step.id)) report(`steps[${i}].id`, `duplicate step id "${step.id}"`);
    if (step.id === 'end') report(`steps[${i}].id`, '"end" is reserved for `goto: end`');
    stepIds.add(step.id);
  });
  const slots = slotsOf(flow);
  flow.steps.forEach((step, i) => checkStep(step, `steps[${i}]`, { flow, stepIds, slots, ...ids }, k, report));
}

function checkRoutes(d: Dialogs, file: string, k: Knowledge, replies: ReadonlySet<string>, problems: ContentProblem[]): void {
  const report: Report = (path, message) => problems.push({ file, path, message });
  const flowIds = [...d.flows.keys()];
  const checkFlowId = (path: string, id: string) => {
    if (!d.flows.has(id)) report(path, `unknown flow "${id}" (flows: ${flowIds.join(', ') || 'none'}; each lives in flows/<id>.yaml)`);
  };
  (['interrupts', 'routes'] as const).forEach((list) =>
    d.routes[list].forEach((route, i) => {
      checkCondition(route.if, `${list}[${i}].if`, k, undefined, replies, report);
      checkFlowId(`${list}[${i}].flow`, route.flow);
    }),
  );
  checkFlowId('fallback', d.routes.fallback);
}

/** Phrases must mean one thing: a word cannot be both "cancel" and "no". Button labels must be words the bot reads. */
function checkWords(d: Dialogs, commandsFile: string, messagesFile: string, problems: ContentProblem[]): void {
  const owner = new Map<string, string>();
  const claim = (path: string, phrase: string, meaning: string) => {
    const n = normalizePhrase(phrase);
    if (n === '') {
      problems.push({ file: commandsFile, path, message: `"${phrase}" has no letters or digits, so it can never match` });
      return;
    }
    const other = owner.get(n);
    if (other !== undefined && other !== meaning) problems.push({ file: commandsFile, path, message: `"${phrase}" already means ${other}` });
    owner.set(n, meaning);
  };
  for (const [id, phrases] of Object.entries(d.commands.commands)) phrases.forEach((p, i) => claim(`commands.${id}[${i}]`, p, `the command ${id}`));
  for (const [id, phrases] of Object.entries(d.commands.answers)) phrases.forEach((p, i) => claim(`answers.${id}[${i}]`, p, `the answer ${id}`));
  d.commands.closings.forEach((p, i) => {
    const n = normalizePhrase(p);
    const other = owner.get(n);
    // A closing may also be an answer ("no" after "anything else?"), never a command.
    if (other?.startsWith('the command')) problems.push({ file: commandsFile, path: `closings[${i}]`, message: `"${p}" already means ${other}` });
  });
  d.commands.detail_answers.forEach((p, i) => {
    if (!owner.get(normalizePhrase(p))?.startsWith('the answer')) problems.push({ file: commandsFile, path: `detail_answers[${i}]`, message: `"${p}" is not a typed answer in answers` });
  });
  for (const answer of ANSWERS) {
    const words = new Set(d.commands.answers[answer].map(normalizePhrase));
    for (const voice of ['patient', 'staff'] as const) {
      const label = d.messages.labels[answer][voice];
      if (!words.has(normalizePhrase(label))) {
        problems.push({ file: messagesFile, path: `labels.${answer}.${voice}`, message: `the button "${label}" sends words that are not in answers.${answer} of commands.yaml` });
      }
    }
  }
}

/** Every reply id the bot can send: `flow.step` of each flow step, the messages, and a topic answered aside. */
function replyIdsOf(d: Dialogs): Set<string> {
  const ids = new Set<string>([...MESSAGE_IDS, TOPIC_ASIDE_REPLY_ID]);
  for (const flow of d.flows.values()) for (const step of flow.steps) ids.add(`${flow.id}.${step.id}`);
  return ids;
}

/**
 * Every red-flag question declares what each answer means ("yes" is the finding present), in the
 * words staff see on its buttons: a question worded backwards in one voice ("can the patient be
 * woken?") then shows up as a yes-button that reads "Wakes and answers".
 */
function checkAnswerMeanings(k: Knowledge, problems: ContentProblem[]): void {
  [...k.questions.values()].forEach((q, i) => {
    const path = `questions[${i}]`;
    if (q.yes_means === undefined || q.no_means === undefined) {
      problems.push({ file: 'knowledge/questions.yaml', path, message: `question "${q.id}" must say what each answer means: add yes_means (the finding "${q.finding}" is present) and no_means, a few words each for the staff's buttons` });
    } else if (normalizePhrase(q.yes_means) === normalizePhrase(q.no_means)) {
      problems.push({ file: 'knowledge/questions.yaml', path: `${path}.no_means`, message: `question "${q.id}": yes_means and no_means say the same thing` });
    }
  });
}

/** Every cross-reference of the dialog files, against each other and the knowledge base. */
export function checkDialogs(d: Dialogs, k: Knowledge, files: Files): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const flowIds = new Set(d.flows.keys());
  const replies = replyIdsOf(d);
  for (const flow of d.flows.values()) checkFlow(flow, files.flowFile(flow.id), { flowIds, replies }, k, problems);
  checkRoutes(d, files.name('routes.yaml'), k, replies, problems);
  checkWords(d, files.name('commands.yaml'), files.name('messages.yaml'), problems);
  checkAnswerMeanings(k, problems);
  d.commands.implied_answers.answers.forEach((implied, i) => {
    const problem = known('question', k.questions.keys(), implied.question);
    if (problem) problems.push({ file: files.name('commands.yaml'), path: `implied_answers[${i}].question`, message: problem });
  });
  const categories = new Set([...k.findings.values()].map((f) => f.category));
  for (const category of Object.keys(d.messages.also)) {
    const problem = known('finding category', categories, category);
    if (problem) problems.push({ file: files.name('messages.yaml'), path: `also.${category}`, message: problem });
  }
  return problems;
}
