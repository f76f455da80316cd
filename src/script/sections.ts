import type { Flow, FlowStep } from '../dialogs/dialogSchema';
import type { Disposition, Question } from '../knowledge/schema';
import type { Block } from './document';
import { plainCondition } from './plainCondition';
import type { Problem } from './problems';
import { startsWhen } from './quickCard';
import { worstYes, yesMeans } from './redFlags';
import { capitalised, findingName, fill, levelName, withoutCue, type ScriptContext } from './scriptContext';

/** Where a step's text points: a problem's section, or a closing section of a flow no problem starts. */
export interface Targets {
  readonly problems: readonly Problem[];
  readonly anchorOf: (flowId: string) => string;
}

const link = (text: string, anchor: string) => `[${text}](#${anchor})`;

/** One step as a line of the script, or nothing for steps staff never see or that only route. */
function stepLine(c: ScriptContext, flow: Flow, step: FlowStep, problem: Problem | undefined, t: Targets): string | undefined {
  const when = plainCondition(c, step.when);
  if (when.when === 'never') return undefined;
  const prefix = when.when === 'if' ? `If ${when.text}: ` : when.when === 'unless' ? `Unless ${when.text}: ` : '';
  const questions = t.problems.find((p) => p.role === 'symptoms');
  const line = (text: string) => `${prefix}${prefix === '' ? text : text.charAt(0).toLowerCase() + text.slice(1)}`;
  switch (step.kind) {
    case 'ask_text':
      return line(`Ask: ${withoutCue(fill(c, step.ask.prompt.staff))} Listen for: ${step.ask.listen_for}.`);
    case 'ask_yes_no':
      return line(`Ask: ${withoutCue(fill(c, step.ask.prompt.staff))} Listen for: ${step.ask.listen_for}.`);
    case 'ask_question':
      return line(`Ask: ${withoutCue(fill(c, c.k.questions.get(step.question)?.text.staff ?? step.question))}`);
    case 'ask_choice': {
      const choices = step.ask.choices.map((x) => `“${x.label.staff}”${x.adds_finding ? ` (${findingName(c, x.adds_finding)})` : ''}`);
      return line(`Ask: ${withoutCue(fill(c, step.ask.prompt.staff))} ${choices.join(', ')}. Listen for: ${step.ask.listen_for}.`);
    }
    case 'screen':
      return problem !== undefined && questionsFor(c, t.problems, problem).length > 0
        ? line(
            'Ask the red-flag questions below, most urgent first, and none the caller has already answered. Where several would each mean the same level, ask them in one go (“Is any of these happening now?”) and which one only after a yes; ask whether it was on purpose, or about self-harm, on its own. Stop as soon as a yes makes it an emergency. “Not sure” counts as yes.',
          )
        : line(`If it is about a danger sign, ask whether it is happening now: the red-flag questions in ${questions === undefined ? 'the symptoms section' : link(questions.flow.title, questions.anchor)}.`);
    case 'dispose': {
      const first = flow.steps.find((s) => s.kind !== 'next') === step;
      const floor = step.atLeast === undefined ? undefined : c.k.dispositions.get(step.atLeast);
      return line(`Read out the advice for the level reached (below)${floor ? `, at least “${fill(c, floor.heading.staff)}”` : ''}${first ? ', at once, with no question first' : ''}.`);
    }
    case 'answer_topics': {
      const answers = t.problems.find((p) => p.role === 'questions');
      const where = problem?.role === 'questions' || answers === undefined ? 'below' : `in ${link(answers.flow.title, answers.anchor)}`;
      return line(`Read out the answer to what they asked (${where}).`);
    }
    case 'say':
      return line(fill(c, step.say.staff));
    case 'summary':
      return line('Complete the call record: time, level, findings, questions asked with answers, advice given.');
    case 'link': {
      const target = c.d.flows.get(step.flow);
      return line(`Then: ${link(target?.title ?? step.flow, t.anchorOf(step.flow))}.`);
    }
    case 'next':
    case 'end':
      return undefined;
  }
}

/** A flow's steps as the script's numbered list, without saying the same thing twice. */
export function stepLines(c: ScriptContext, flow: Flow, problem: Problem | undefined, t: Targets): string[] {
  return [...new Set(flow.steps.flatMap((s) => stepLine(c, flow, s, problem, t) ?? []))];
}

/** Ids a red-flag question is asked for, and whether any is the problem's. */
function asksFor(c: ScriptContext, q: Question, groups: readonly string[]): boolean {
  return q.ask_when.some((id) => groups.includes(id) || (c.k.findings.get(id)?.groups.some((g) => groups.includes(g)) ?? false));
}

/** The red-flag questions a problem's section lists, most urgent first. */
export function questionsFor(c: ScriptContext, problems: readonly Problem[], problem: Problem): Question[] {
  const all = [...c.k.questions.values()];
  const claimed = problems.flatMap((p) => p.groups);
  const picked =
    problem.role === 'context'
      ? all.filter((q) => asksFor(c, q, problem.groups))
      : problem.role === 'symptoms'
        ? all.filter((q) => q.ask_when.some((id) => !claimed.includes(id) && !(c.k.findings.get(id)?.groups.some((g) => claimed.includes(g)) ?? false)))
        : [];
  return picked.sort((a, b) => worstYes(c, a) - worstYes(c, b));
}

/** The advice a problem's section reads out; each disposition belongs to exactly one section. */
export function dispositionsFor(c: ScriptContext, problems: readonly Problem[], problem: Problem): Disposition[] {
  const all = [...c.k.dispositions.values()];
  const categoriesOf = (p: Problem) =>
    new Set([
      ...[...c.k.findings.values()].filter((f) => f.groups.some((g) => p.groups.includes(g))).map((f) => f.category),
      ...c.k.rules.filter((r) => r.all.some((x) => x.group !== undefined && p.groups.includes(x.group))).map((r) => r.category),
    ]);
  const claimed = new Set(problems.filter((p) => p.role === 'context').flatMap((p) => [...categoriesOf(p)]));
  switch (problem.role) {
    case 'emergency':
      return all.filter((x) => x.level === 'emergency');
    case 'context': {
      const mine = categoriesOf(problem);
      // A category two sections share (the pump, in both withdrawal and its own group) goes to the first.
      const earlier = new Set(problems.slice(0, problems.indexOf(problem)).filter((p) => p.role === 'context').flatMap((p) => [...categoriesOf(p)]));
      return all.filter((x) => x.level !== 'emergency' && mine.has(x.category) && !earlier.has(x.category));
    }
    case 'symptoms':
      return all.filter((x) => x.level !== 'emergency' && x.level !== 'info' && !claimed.has(x.category));
    case 'questions':
      return all.filter((x) => x.level === 'info');
  }
}

function adviceBlocks(c: ScriptContext, dispositions: readonly Disposition[]): Block[] {
  return dispositions.flatMap((x): Block[] => [
    { kind: 'paragraph', text: `**${levelName(c, x.level)}: ${fill(c, x.heading.staff)}**` },
    { kind: 'paragraph', tone: 'read', text: `${fill(c, x.do_now.staff)} **If things change:** ${fill(c, x.safety_net.staff)}` },
  ]);
}

function answerBlocks(c: ScriptContext): Block[] {
  return [...c.k.topics.values()].map((topic): Block => ({
    kind: 'group',
    className: 'topic',
    anchor: topic.id,
    blocks: [
      { kind: 'paragraph', text: `**${topic.title}**` },
      { kind: 'paragraph', tone: 'read', text: `${fill(c, topic.answer.staff)}${topic.when_to_get_help ? ` **Get help if:** ${fill(c, topic.when_to_get_help)}` : ''}` },
    ],
  }));
}

/** One presenting problem: when to start it, what to ask in order, what each yes means, what to read out. */
export function problemSection(c: ScriptContext, problem: Problem, index: number, t: Targets): Block[] {
  const questions = questionsFor(c, t.problems, problem);
  const dispositions = dispositionsFor(c, t.problems, problem);
  return [
    { kind: 'heading', depth: 2, text: `${index + 1}. ${problem.flow.title}`, anchor: problem.anchor },
    { kind: 'paragraph', tone: 'note', text: startsWhen(c, problem) },
    { kind: 'heading', depth: 3, text: 'Ask, in order' },
    { kind: 'list', ordered: true, items: stepLines(c, problem.flow, problem, t) },
    ...(questions.length === 0
      ? []
      : ([
          { kind: 'heading', depth: 3, text: 'Red-flag questions, most urgent first', anchor: `${problem.anchor}_questions` },
          {
            kind: 'list',
            ordered: true,
            items: questions.map((q) => `**${capitalised(withoutCue(fill(c, q.text.staff)))}** Listen for: ${q.listen_for}. ${yesMeans(c, q, problem)}`),
          },
        ] satisfies Block[])),
    ...(dispositions.length === 0 ? [] : ([{ kind: 'heading', depth: 3, text: 'What to read out, by level' }, ...adviceBlocks(c, dispositions)] satisfies Block[])),
    ...(problem.role === 'questions' ? ([{ kind: 'heading', depth: 3, text: 'Answers to read out' }, ...answerBlocks(c)] satisfies Block[]) : []),
  ];
}

/** A flow no problem starts but problems go on to (what happens after the advice): its steps only. */
export function closingSection(c: ScriptContext, flow: Flow, anchor: string, t: Targets): Block[] {
  return [
    { kind: 'heading', depth: 2, text: flow.title, anchor },
    { kind: 'list', ordered: true, items: stepLines(c, flow, undefined, t) },
  ];
}
