import type { Dialogs } from '../dialogs/loadDialogs';
import type { Knowledge } from '../knowledge/load';
import type { Contacts } from '../knowledge/schema';
import { howTheLevelIsDecided, phraseIndex } from './appendices';
import { scriptHash, toHtml, toMarkdown, type Block } from './document';
import { presentingProblems } from './problems';
import { quickCard } from './quickCard';
import { SEARCH_SCRIPT, searchBoxHtml, searchEntries } from './searchBox';
import { closingSection, problemSection, type Targets } from './sections';
import type { ScriptContext } from './scriptContext';

/** The call script in both formats, and the parts the page-count test prints on their own. */
export interface CallScript {
  readonly markdown: string;
  readonly html: string;
  /** The CSP source that allows the page's one inline script (the search box). */
  readonly scriptHash: string;
  /** Page one alone, as HTML. */
  readonly quickCardHtml: string;
  /** The quick card and the sections, without the appendices, as HTML. */
  readonly withoutAppendicesHtml: string;
}

const APPENDICES = [
  { title: 'How the level is decided', anchor: 'appendix_rules' },
  { title: 'Which words lead to which finding', anchor: 'appendix_phrases' },
] as const;

/** The script's parts: page one, one section per presenting problem (and what follows the advice), the appendices. */
function parts(c: ScriptContext, generatedAt: Date): { quick: Block[]; main: Block[]; appendices: Block[] } {
  const problems = presentingProblems(c);
  const closing = [...new Set(problems.flatMap((p) => p.flow.steps.flatMap((s) => (s.kind === 'link' ? [s.flow] : []))))].filter(
    (id) => !problems.some((p) => p.flow.id === id),
  );
  const targets: Targets = {
    problems,
    anchorOf: (flowId) => problems.find((p) => p.flow.id === flowId)?.anchor ?? `after_${flowId}`,
  };
  const quick: Block[] = [quickCard(c, problems, APPENDICES)];
  const main: Block[] = [
    ...problems.flatMap((p, i) => problemSection(c, p, i, targets)),
    ...closing.flatMap((id) => {
      const flow = c.d.flows.get(id);
      return flow === undefined ? [] : closingSection(c, flow, targets.anchorOf(id), targets);
    }),
    {
      kind: 'paragraph',
      tone: 'note',
      text: `Content ${c.k.version}, dialogs ${c.d.version}. Generated ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC from knowledge/ and dialogs/: do not edit by hand.`,
    },
  ];
  const appendices: Block[] = [
    { kind: 'group', className: 'appendix', blocks: howTheLevelIsDecided(c, APPENDICES[0].anchor) },
    { kind: 'group', className: 'appendix', blocks: phraseIndex(c, APPENDICES[1].anchor) },
  ];
  return { quick, main, appendices };
}

/**
 * The helpline's live-call script, generated from the same dialog trees and knowledge base the bot
 * runs: a quick card (the emergency screen, the numbers, where to go for each problem), one section
 * per presenting problem, most urgent first, in plain words, then the appendices. The HTML page has
 * the emergency banner on every printed page, a search box and print styles.
 */
export function renderCallScript(k: Knowledge, d: Dialogs, contacts: Contacts, generatedAt: Date): CallScript {
  const c: ScriptContext = { k, d, contacts };
  const { quick, main, appendices } = parts(c, generatedAt);
  const title = 'Baclofen triage: helpline call script';
  const banner = `Emergency? Stop the script: the caller calls ${contacts.emergency_number} now. Poison control ${contacts.poison_control_number}. Crisis line ${contacts.crisis_line}.`;
  const problems = presentingProblems(c);
  const entries = searchEntries(c, problems);
  const suggestions = [...new Set([...k.findings.values()].map((f) => f.name.split(',')[0]?.trim() ?? f.name).concat([...k.topics.values()].map((t) => t.title)))];
  const page = { title, banner };
  return {
    markdown: toMarkdown([{ kind: 'paragraph', tone: 'alert', text: banner }, ...quick, ...main, ...appendices]),
    html: toHtml([...quick, ...main, ...appendices], { ...page, before: searchBoxHtml(entries, suggestions), script: SEARCH_SCRIPT }),
    scriptHash: scriptHash(SEARCH_SCRIPT),
    quickCardHtml: toHtml(quick, page),
    withoutAppendicesHtml: toHtml([...quick, ...main], page),
  };
}
