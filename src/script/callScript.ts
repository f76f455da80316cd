import type { Dialogs } from '../bot/loadDialogs';
import type { Flow, FlowStep } from '../bot/dialogSchema';
import type { Knowledge } from '../knowledge/load';
import { LEVELS, type Contacts } from '../knowledge/schema';
import { fillPlaceholders } from '../triage/placeholders';
import { describeCondition } from './describeCondition';
import { toHtml, toMarkdown, type Block } from './document';

/** The call script in both formats. */
export interface CallScript {
  readonly markdown: string;
  readonly html: string;
}

const link = (id: string, text = id) => `[${text}](#${id})`;

function stepBlocks(flow: Flow, step: FlowStep, index: number, k: Knowledge, d: Dialogs, contacts: Contacts): string {
  const fill = (s: string) => fillPlaceholders(s, contacts);
  const when = step.when === undefined ? '' : `Only if ${describeCondition(step.when, k)}. `;
  const head = `**${index + 1}. ${step.id}**: ${when}`;
  switch (step.kind) {
    case 'say':
      return `${head}${fill(step.say.staff)}`;
    case 'ask_text':
      return `${head}${fill(step.ask.prompt.staff)}\nListen for: ${step.ask.listen_for}. Whatever the caller says is checked for symptoms.`;
    case 'ask_question': {
      const q = k.questions.get(step.question);
      return `${head}Red-flag question ${link(step.question)}: ${q ? fill(q.text.staff) : step.question}`;
    }
    case 'ask_yes_no':
      return `${head}${fill(step.ask.prompt.staff)} (yes / no / not sure)\nListen for: ${step.ask.listen_for}.`;
    case 'ask_choice': {
      const choices = step.ask.choices.map((c) => {
        const finding = c.adds_finding ? ` → records ${k.findings.get(c.adds_finding)?.name.toLowerCase() ?? c.adds_finding}` : '';
        return `“${c.label.staff}”${finding}`;
      });
      return `${head}${fill(step.ask.prompt.staff)}\nChoices: ${choices.join('; ')}.\nListen for: ${step.ask.listen_for}.`;
    }
    case 'screen':
      return `${head}Ask the ${link('red_flag_questions', 'red-flag questions')} that apply to what the caller has reported, one at a time, most urgent first (at most ${step.maxQuestions}). Stop as soon as the level is an emergency. “Not sure” counts as yes.`;
    case 'dispose':
      return `${head}Give the ${link('dispositions', 'advice for the level reached')}${step.atLeast ? `, at least ${link(step.atLeast)}` : ''}, and explain which answers led to it.`;
    case 'answer_topics':
      return `${head}Read the ${link('information_answers', 'information answer')} for ${step.topics ? step.topics.map((t) => link(t)).join(', ') : 'what the caller asked about'}.`;
    case 'summary':
      return `${head}Complete the summary for the record: time, level, findings, questions asked with answers, advice given, content version.`;
    case 'next': {
      const rules = step.rules.map((r) => `${r.if ? `if ${describeCondition(r.if, k)}` : 'otherwise'} → ${r.goto === 'end' ? 'end the call' : `step ${r.goto}`}`);
      return `${head}Branch: ${rules.join('; ')}.`;
    }
    case 'link': {
      const target = d.flows.get(step.flow);
      return `${head}Continue with ${link(`flow_${step.flow}`, target?.title ?? step.flow)}.`;
    }
    case 'end':
      return `${head}End of this part of the call.`;
  }
}

function flowSection(flow: Flow, k: Knowledge, d: Dialogs, contacts: Contacts, startedBy: readonly string[]): Block[] {
  return [
    { kind: 'heading', depth: 2, text: `${flow.title} (${flow.id})`, anchor: `flow_${flow.id}` },
    { kind: 'paragraph', text: flow.description },
    ...(startedBy.length > 0 ? [{ kind: 'paragraph', tone: 'note', text: `Starts when ${startedBy.join('; or when ')}.` } as const] : []),
    { kind: 'list', items: flow.steps.map((s, i) => stepBlocks(flow, s, i, k, d, contacts)) },
  ];
}

function questionsSection(k: Knowledge, contacts: Contacts): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', depth: 2, text: 'Red-flag questions', anchor: 'red_flag_questions' },
    { kind: 'paragraph', text: 'Asked when what they are asked for has been reported and a “yes” would make the call more urgent. A “yes” or “not sure” records the finding named.' },
  ];
  for (const q of k.questions.values()) {
    const finding = k.findings.get(q.finding);
    const askWhen = q.ask_when.map((id) => k.findings.get(id)?.name.toLowerCase() ?? `“${k.groups.get(id) ?? id}”`);
    blocks.push(
      { kind: 'heading', depth: 3, text: `${q.id}`, anchor: q.id },
      { kind: 'paragraph', tone: 'read', text: fillPlaceholders(q.text.staff, contacts) },
      { kind: 'list', items: [`Listen for: ${q.listen_for}`, `A yes records: ${finding?.name ?? q.finding} (${finding?.tier ?? '?'} on its own)`, `Asked when the caller reports: ${askWhen.join(', ')}`] },
    );
  }
  return blocks;
}

function dispositionsSection(k: Knowledge, contacts: Contacts): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', depth: 2, text: 'Dispositions: what to tell the caller', anchor: 'dispositions' },
    { kind: 'paragraph', text: 'The most urgent level reached wins. Each level has general advice and, for some situations, more specific advice.' },
  ];
  for (const level of LEVELS) {
    blocks.push({ kind: 'heading', depth: 3, text: `Level: ${level}`, anchor: `level_${level}` });
    for (const d of k.dispositions.values()) {
      if (d.level !== level) continue;
      blocks.push(
        { kind: 'heading', depth: 3, text: `${fillPlaceholders(d.heading.staff, contacts)} (${d.id})`, anchor: d.id },
        { kind: 'paragraph', tone: 'read', text: fillPlaceholders(d.do_now.staff, contacts) },
        { kind: 'paragraph', text: `**Safety net:** ${fillPlaceholders(d.safety_net.staff, contacts)}` },
      );
    }
  }
  return blocks;
}

function rulesSection(k: Knowledge): Block[] {
  return [
    { kind: 'heading', depth: 2, text: 'How the level is decided', anchor: 'rules' },
    { kind: 'paragraph', text: 'Every finding has a level of its own; some words move it (for example “very”, “for weeks”); and these combinations raise it. The most urgent of all of them is the level.' },
    {
      kind: 'table',
      head: ['Rule', 'Level', 'When all of these are reported', 'Why'],
      rows: k.rules.map((r) => [
        r.id,
        r.level,
        r.all.map((c) => (c.finding ? (k.findings.get(c.finding)?.name ?? c.finding) : `“${k.groups.get(c.group ?? '') ?? c.group}”`) + (c.without_modifier ? ` (not ${c.without_modifier})` : '')).join(' + '),
        r.why,
      ]),
    },
  ];
}

function phrasesSection(k: Knowledge): Block[] {
  return [
    { kind: 'heading', depth: 2, text: 'Which words lead to which finding', anchor: 'findings' },
    { kind: 'paragraph', text: 'What callers say, and the finding it is recorded as. Words that rule a finding out (“no”, “not”, “is fine”) are understood too.' },
    {
      kind: 'table',
      head: ['Finding', 'Level on its own', 'Words and phrases', 'Moved by'],
      rows: [...k.findings.values()].map((f) => [
        `${f.name} (${f.id})`,
        f.tier,
        [...f.phrases, ...f.misspellings].join(', '),
        f.moved_by.map((m) => `${m.modifier} → ${m.level}`).join(', ') || '-',
      ]),
    },
  ];
}

function topicsSection(k: Knowledge, contacts: Contacts): Block[] {
  const blocks: Block[] = [{ kind: 'heading', depth: 2, text: 'Information answers', anchor: 'information_answers' }];
  for (const t of k.topics.values()) {
    blocks.push(
      { kind: 'heading', depth: 3, text: `${t.title} (${t.id}, ${t.level})`, anchor: t.id },
      { kind: 'paragraph', tone: 'read', text: fillPlaceholders(t.answer.staff, contacts) },
    );
    if (t.when_to_get_help) blocks.push({ kind: 'paragraph', text: `**When to get help:** ${fillPlaceholders(t.when_to_get_help, contacts)}` });
  }
  return blocks;
}

/**
 * The helpline call script, generated from the same dialog trees and knowledge base the bot runs:
 * a contents page by situation, each flow's steps in order with its branches, the red-flag
 * questions, the dispositions to read out, and which words lead to which finding.
 */
export function renderCallScript(k: Knowledge, d: Dialogs, contacts: Contacts, generatedAt: Date): CallScript {
  const startedBy = new Map<string, string[]>();
  for (const r of [...d.routes.interrupts, ...d.routes.routes]) {
    startedBy.set(r.flow, [...(startedBy.get(r.flow) ?? []), describeCondition(r.if, k)]);
  }
  const title = 'Baclofen triage: helpline call script';
  const flows = [...d.flows.values()];
  const blocks: Block[] = [
    { kind: 'heading', depth: 1, text: title },
    {
      kind: 'paragraph',
      tone: 'note',
      text: `Content ${k.version}, dialogs ${d.version}. Generated ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC from knowledge/ and dialogs/: do not edit by hand.`,
    },
    { kind: 'paragraph', text: `If at any point the caller describes an emergency (trouble breathing, a seizure, someone who cannot be woken, swelling of the face or throat, chest pain, thoughts of self-harm), stop the script and tell them to call ${contacts.emergency_number} now. Poison control: ${contacts.poison_control_number}. Crisis line: ${contacts.crisis_line}.` },
    { kind: 'heading', depth: 2, text: 'Contents by situation', anchor: 'contents' },
    {
      kind: 'list',
      items: [
        ...flows.map((f) => `${link(`flow_${f.id}`, f.title)}: ${f.description}`),
        link('red_flag_questions', 'Red-flag questions'),
        link('dispositions', 'Dispositions: what to tell the caller'),
        link('rules', 'How the level is decided'),
        link('findings', 'Which words lead to which finding'),
        link('information_answers', 'Information answers'),
      ],
    },
    ...flows.flatMap((f) => flowSection(f, k, d, contacts, startedBy.get(f.id) ?? [])),
    ...questionsSection(k, contacts),
    ...dispositionsSection(k, contacts),
    ...rulesSection(k),
    ...phrasesSection(k),
    ...topicsSection(k, contacts),
  ];
  const banner = `In an emergency, tell the caller to call ${contacts.emergency_number} now.`;
  return { markdown: toMarkdown(blocks), html: toHtml(blocks, title, banner) };
}
