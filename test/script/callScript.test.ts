import { loadDialogs, DEFAULT_DIALOGS_DIR } from '../../src/dialogs';
import { loadKnowledge, DEFAULT_CONTACTS } from '../../src/triage';
import { callScriptHeaders, renderCallScript } from '../../src/script';
import { scriptHash, toHtml, toMarkdown } from '../../src/script/document';
import { SEARCH_SCRIPT } from '../../src/script/searchBox';
import { phraseForReader } from '../../src/script/appendices';

const knowledge = loadKnowledge();
const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, knowledge);
const contacts = { ...DEFAULT_CONTACTS, emergency_number: '112' };
const script = renderCallScript(knowledge, dialogs, contacts, new Date('2026-11-28T12:00:00Z'));

/** The words a reader sees: tags, the style sheet, the search index, the script and the version note left out. */
const visibleText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>|<script[\s\S]*?<\/script>|<datalist[\s\S]*?<\/datalist>/g, ' ')
    .replace(/<p class="note">Content [^<]*<\/p>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('the call script: page one, the quick card', () => {
  const card = visibleText(script.quickCardHtml);

  it('has every red flag: each finding that is an emergency on its own, and each combination that makes one', () => {
    for (const f of knowledge.findings.values()) if (f.tier === 'emergency') expect(card.toLowerCase()).toContain(f.name.toLowerCase());
    for (const r of knowledge.rules.filter((x) => x.level === 'emergency')) {
      const advice = knowledge.dispositions.get(`emergency_${r.category}`) ?? knowledge.dispositions.get('emergency_general');
      expect(card).toContain(advice?.heading.staff.replace('{emergency_number}', '112').split(':')[0]);
    }
  });

  it('gives the numbers from settings', () => {
    expect(card).toContain('Emergency 112');
    expect(card).toContain(`Poison control ${contacts.poison_control_number}`);
    expect(card).toContain(`Crisis line ${contacts.crisis_line}`);
  });

  it('says where to go for each presenting problem, most urgent first', () => {
    const order = ['problem_emergency', 'problem_overdose', 'problem_withdrawal', 'problem_triage', 'problem_information'];
    const links = order.map((id) => script.quickCardHtml.indexOf(`href="#${id}"`));
    expect(links.every((at) => at > 0)).toBe(true);
    expect([...links].sort((a, b) => a - b)).toEqual(links);
  });
});

describe('the call script: one section per presenting problem', () => {
  const main = visibleText(script.withoutAppendicesHtml.slice(script.withoutAppendicesHtml.indexOf('<h2 id="problem_emergency"')));

  it('orders the sections by urgency: emergency signs, too much baclofen, stopped or pump, symptoms, questions', () => {
    const at = ['problem_emergency', 'problem_overdose', 'problem_withdrawal', 'problem_triage', 'problem_information'].map((id) => script.html.indexOf(`<h2 id="${id}"`));
    expect(at.every((x) => x > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('reads every disposition out exactly once, with the staff wording', () => {
    for (const d of knowledge.dispositions.values()) {
      const heading = d.heading.staff.replace(/\{emergency_number\}/g, '112').replace(/\{poison_control_number\}/g, contacts.poison_control_number).replace(/\{crisis_line\}/g, contacts.crisis_line);
      expect(main.split(`${dialogs.messages.levels[d.level].staff}: ${heading}`).length - 1).toBe(1);
    }
  });

  it('asks every red-flag question somewhere, with what a yes means', () => {
    for (const q of knowledge.questions.values()) expect(main).toContain(q.listen_for);
    expect(main).toMatch(/Yes → withdrawal emergency[^.]*\. On its own: PRESCRIBER: within days\./);
  });

  it('has an answer to read out for every topic', () => {
    for (const t of knowledge.topics.values()) expect(script.withoutAppendicesHtml).toContain(`id="${t.id}"`);
  });

  it('is written in plain words: no step ids, reply ids or engine terms', () => {
    const ids = [...dialogs.flows.values()].flatMap((f) => [f.id, ...f.steps.map((s) => `${f.id}.${s.id}`), ...f.steps.map((s) => s.id)]).filter((id) => id.includes('_'));
    for (const id of ids) expect(main).not.toContain(id);
    expect(main).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    expect(main).not.toMatch(/\b(step|flow|message|slot|level so far)\b/i);
  });

  it('fills every number from settings', () => {
    expect(script.markdown).not.toMatch(/\{emergency_number\}|\{poison_control_number\}|\{crisis_line\}/);
    expect(main).not.toContain('911');
  });
});

describe('the call script: appendices, page and search', () => {
  it('puts the phrase index and how the level is decided after the sections, each from a new printed page', () => {
    expect(script.html.indexOf('id="appendix_rules"')).toBeGreaterThan(script.html.indexOf('id="problem_information"'));
    expect(script.html).toMatch(/<section class="appendix">\s*<h2 id="appendix_rules"/);
    expect(script.withoutAppendicesHtml).not.toContain('id="appendix_phrases"');
    const finding = [...knowledge.findings.values()][0];
    expect(script.markdown).toContain(finding.phrases[0]);
  });

  it('puts the emergency banner on every printed page, and on screen keeps it in view', () => {
    expect(script.html).toContain('@top-center { content: "Emergency? Stop the script: the caller calls 112 now.');
    expect(script.html).toMatch(/\.banner \{ position: sticky/);
    expect(script.html).toContain('<p class="banner" role="note">Emergency? Stop the script: the caller calls 112 now.');
  });

  it('is one self-contained page whose only script is allowed by its hash', () => {
    expect(script.html).toMatch(/^<!doctype html>/);
    expect(script.html).not.toMatch(/<link|src="http|<script src/);
    expect(script.scriptHash).toBe(scriptHash(SEARCH_SCRIPT));
    expect(callScriptHeaders(script)['Content-Security-Policy']).toContain(`script-src ${script.scriptHash}`);
    expect(script.html).toContain(`<script>${SEARCH_SCRIPT}</script>`);
  });

  it('has a search index from symptom words to sections', () => {
    const index = JSON.parse(/<script type="application\/json" id="find-index">(.*?)<\/script>/s.exec(script.html)?.[1] ?? '[]') as [string, string, string][];
    const find = (word: string) => index.find((e) => e[0] === word)?.[1];
    expect(find('pump alarm')).toBe('problem_withdrawal');
    expect(find('took a double dose')).toBe('problem_overdose');
    expect(find('alcohol')).toBe('alcohol');
  });

  it('stays short enough to use live', () => {
    // The page-count test prints it; this keeps the word count in view when content grows.
    expect(words(visibleText(script.quickCardHtml))).toBeLessThan(700);
    expect(words(visibleText(script.withoutAppendicesHtml))).toBeLessThan(6500);
  });
});

describe('document rendering', () => {
  it('escapes content in HTML', () => {
    const html = toHtml([{ kind: 'paragraph', text: '<img src=x onerror=alert(1)> & "quotes"' }], { title: 't', banner: 'b' });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toContain('<img');
  });

  it('escapes the banner inside the print style sheet', () => {
    expect(toHtml([], { title: 't', banner: 'say "hi" \\ now' })).toContain('content: "say \\"hi\\" \\\\ now"');
  });

  it('keeps table cells on one line in Markdown', () => {
    expect(toMarkdown([{ kind: 'table', head: ['a'], rows: [['x | y\nz']] }])).toContain('| x \\| y z |');
  });
});

describe('phrases in the appendix', () => {
  it.each([
    ['respiratory rate #num:1-9', 'respiratory rate (a number 1-9)'],
    ['took #num tablets', 'took (a number) tablets'],
    ['temperature of #fever_temp', 'temperature of (a feverish temperature)'],
    ['=confused', 'confused'],
  ])('reads %s as "%s"', (phrase, read) => {
    expect(phraseForReader(phrase)).toBe(read);
  });
});
