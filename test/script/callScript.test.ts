import { loadDialogs, DEFAULT_DIALOGS_DIR } from '../../src/bot';
import { loadKnowledge, DEFAULT_CONTACTS } from '../../src/triage';
import { renderCallScript } from '../../src/script';
import { toHtml, toMarkdown } from '../../src/script/document';

const knowledge = loadKnowledge();
const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, knowledge);
const contacts = { ...DEFAULT_CONTACTS, emergency_number: '112' };
const script = renderCallScript(knowledge, dialogs, contacts, new Date('2026-11-28T12:00:00Z'));

describe('the call script', () => {
  it('has a section for every flow, red-flag question and disposition, in both formats', () => {
    const ids = [...[...dialogs.flows.keys()].map((id) => `flow_${id}`), ...knowledge.questions.keys(), ...knowledge.dispositions.keys()];
    for (const id of ids) {
      expect(script.html).toContain(`id="${id}"`);
      expect(script.markdown).toContain(`<a id="${id}"></a>`);
    }
  });

  it('lists every step of every flow', () => {
    for (const flow of dialogs.flows.values()) {
      expect(script.markdown).toContain(`## ${flow.title} (${flow.id})`);
      for (const step of flow.steps) expect(script.markdown).toMatch(new RegExp(`\\*\\*\\d+\\. ${step.id}\\*\\*`));
    }
  });

  it('uses the staff wording, with the numbers from settings', () => {
    const question = [...knowledge.questions.values()][0];
    expect(script.markdown).toContain(question.text.staff.split('{')[0]);
    expect(script.html).toContain('call 112 now');
    expect(script.markdown).not.toMatch(/\{emergency_number\}|\{poison_control_number\}|\{crisis_line\}/);
  });

  it('says which phrases lead to which finding', () => {
    const finding = [...knowledge.findings.values()][0];
    expect(script.markdown).toContain(`${finding.name} (${finding.id})`);
    expect(script.markdown).toContain(finding.phrases[0]);
  });

  it('is a self-contained page with print styles', () => {
    expect(script.html).toMatch(/^<!doctype html>/);
    expect(script.html).toContain('@media print');
    expect(script.html).not.toMatch(/<script|<link|src="http/);
  });
});

describe('document rendering', () => {
  it('escapes content in HTML', () => {
    const html = toHtml([{ kind: 'paragraph', text: '<img src=x onerror=alert(1)> & "quotes"' }], 't', 'b');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toContain('<img');
  });

  it('keeps table cells on one line in Markdown', () => {
    expect(toMarkdown([{ kind: 'table', head: ['a'], rows: [['x | y\nz']] }])).toContain('| x \\| y z |');
  });
});
