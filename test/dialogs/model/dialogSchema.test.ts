import { ContentError, loadKnowledge, type ContentProblem } from '../../../src/triage';
import { DEFAULT_DIALOGS_DIR, loadDialogs, parseDialogs } from '../../../src/dialogs/loadDialogs';
import { editDialogSource, shippedDialogSources } from '../support/dialogSources';
import { TINY_BOT_KNOWLEDGE, tinyBotKnowledge } from '../support/tinyKnowledge';

type Data = Record<string, unknown>;
const steps = (d: Data) => d['steps'] as Data[];

/** The problems a broken set of dialog files is rejected with. */
function problemsOf(sources: Record<string, string>): Array<{ file: string; path: string; message: string }> {
  try {
    parseDialogs(sources, tinyBotKnowledge());
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return [...(error as ContentError).problems];
  }
  throw new Error('expected the dialog files to be rejected');
}

describe('the shipped dialog files', () => {
  it('load against the shipped knowledge base', () => {
    const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, loadKnowledge());
    expect([...dialogs.flows.keys()].sort()).toEqual(
      ['context', 'emergency', 'goodbye', 'greeting', 'information', 'not_understood', 'other_language', 'overdose', 'something_else', 'triage', 'unplaced_report', 'withdrawal', 'wrap_up'],
    );
    expect(dialogs.version).toMatch(/^commands@\S+ messages@\S+ routes@\S+ /);
  });

  it('load against the tiny test knowledge base', () => {
    expect(() => parseDialogs(shippedDialogSources(), tinyBotKnowledge())).not.toThrow();
  });
});

describe('schema errors name the file and the path', () => {
  it.each([
    [
      'a flow message without the staff voice',
      () => editDialogSource('flows/goodbye.yaml', (d) => void delete (steps(d)[0]?.['say'] as Data)['staff']),
      { file: 'dialogs/flows/goodbye.yaml', path: 'steps[0].say.staff' },
    ],
    [
      'a prompt without listen_for',
      () => editDialogSource('flows/overdose.yaml', (d) => void delete (steps(d)[1]?.['ask_text'] as Data)['listen_for']),
      { file: 'dialogs/flows/overdose.yaml', path: 'steps[1].ask_text.listen_for' },
    ],
    [
      'a message without the patient voice',
      () => editDialogSource('messages.yaml', (d) => void delete ((d['messages'] as Data)['welcome'] as Data)['patient']),
      { file: 'dialogs/messages.yaml', path: 'messages.welcome.patient' },
    ],
    [
      'an unknown key',
      () => editDialogSource('flows/triage.yaml', (d) => void ((steps(d)[0] as Data)['sya'] = 'hello')),
      { file: 'dialogs/flows/triage.yaml', path: 'steps[0]' },
    ],
    [
      'a step with two actions',
      () => editDialogSource('flows/triage.yaml', (d) => void ((steps(d)[1] as Data)['end'] = {})),
      { file: 'dialogs/flows/triage.yaml', path: 'steps[1]' },
    ],
    [
      'a missing version',
      () => editDialogSource('routes.yaml', (d) => void delete d['version']),
      { file: 'dialogs/routes.yaml', path: 'version' },
    ],
  ])('%s', (_name, sources, where) => {
    expect(problemsOf(sources())).toContainEqual(expect.objectContaining(where));
  });
});

describe('ids are checked against the knowledge base and the other dialog files', () => {
  it.each([
    [
      'an unknown red-flag question',
      () =>
        editDialogSource('flows/triage.yaml', (d) => void steps(d).unshift({ id: 'ask_first', ask_yes_no: { question: 'ask_breathng' } })),
      { file: 'dialogs/flows/triage.yaml', path: 'steps[0].ask_yes_no.question', message: expect.stringContaining('unknown question id "ask_breathng" (known: ask_breathing') },
    ],
    [
      'an unknown finding in a condition',
      () => editDialogSource('flows/withdrawal.yaml', (d) => void ((steps(d)[0] as Data)['when'] = { not: { any_finding: ['ran_out', 'pump_explosion'] } })),
      { file: 'dialogs/flows/withdrawal.yaml', path: 'steps[0].when.not.any_finding[1]', message: expect.stringContaining('unknown finding id "pump_explosion"') },
    ],
    [
      'an unknown finding added by a choice',
      () => editDialogSource('flows/withdrawal.yaml', (d) => void (((steps(d)[0]?.['ask_choice'] as Data)['choices'] as Data[])[2]!['adds_finding'] = 'pump_problem')),
      { file: 'dialogs/flows/withdrawal.yaml', path: 'steps[0].ask_choice.choices[2].adds_finding' },
    ],
    [
      'an unknown group in a route',
      () => editDialogSource('routes.yaml', (d) => void ((d['routes'] as Data[])[0]!['if'] = { message_group: 'overdose_contxt' })),
      { file: 'dialogs/routes.yaml', path: 'routes[0].if.message_group', message: expect.stringContaining('unknown group id') },
    ],
    [
      'an unknown topic',
      () => editDialogSource('flows/information.yaml', (d) => void ((steps(d)[4] as Data)['answer_topics'] = { topics: ['uses', 'dosage'] })),
      { file: 'dialogs/flows/information.yaml', path: 'steps[4].answer_topics.topics[1]', message: expect.stringContaining('unknown topic id "dosage"') },
    ],
    [
      'an unknown disposition',
      () => editDialogSource('flows/overdose.yaml', (d) => void ((steps(d)[3] as Data)['dispose'] = { at_least: 'urgent_poison' })),
      { file: 'dialogs/flows/overdose.yaml', path: 'steps[3].dispose.at_least', message: expect.stringContaining('unknown disposition id "urgent_poison"') },
    ],
    [
      'a goto to a missing step',
      () => editDialogSource('flows/triage.yaml', (d) => void steps(d).splice(1, 0, { id: 'jump', next: [{ goto: 'nowhere' }] })),
      { file: 'dialogs/flows/triage.yaml', path: 'steps[1].next[0].goto' },
    ],
    [
      'a route to a missing flow',
      () => editDialogSource('routes.yaml', (d) => void (d['fallback'] = 'small_talk')),
      { file: 'dialogs/routes.yaml', path: 'fallback', message: expect.stringContaining('unknown flow "small_talk"') },
    ],
    [
      'a link to a missing flow',
      () => editDialogSource('flows/triage.yaml', (d) => void ((steps(d)[3] as Data)['link'] = 'wrapup')),
      { file: 'dialogs/flows/triage.yaml', path: 'steps[3].link' },
    ],
    [
      'a reply id in a route that no step or message has',
      () => editDialogSource('routes.yaml', (d) => void ((d['routes'] as Data[])[0]!['if'] = { after_reply: ['wrap_up.anything_else', 'wrap_up.anythingelse'] })),
      { file: 'dialogs/routes.yaml', path: 'routes[0].if.after_reply[1]', message: expect.stringContaining('unknown reply id "wrap_up.anythingelse"') },
    ],
    [
      'a reply id that is not one',
      () => editDialogSource('routes.yaml', (d) => void ((d['routes'] as Data[])[0]!['if'] = { after_reply: ['Anything else?'] })),
      { file: 'dialogs/routes.yaml', path: 'routes[0].if.after_reply[0]' },
    ],
    [
      'an "also" line for a finding category no finding has',
      () => editDialogSource('messages.yaml', (d) => void ((d['also'] as Data)['selfharm'] = { patient: 'p', staff: 's' })),
      { file: 'dialogs/messages.yaml', path: 'also.selfharm', message: expect.stringContaining('unknown finding category id "selfharm"') },
    ],
    [
      'a slot condition in a route',
      () => editDialogSource('routes.yaml', (d) => void ((d['routes'] as Data[])[0]!['if'] = { slot: { name: 'situation', is: ['pump'] } })),
      { file: 'dialogs/routes.yaml', path: 'routes[0].if.slot' },
    ],
    [
      'a flow in the wrong file',
      () => editDialogSource('flows/goodbye.yaml', (d) => void (d['id'] = 'farewell')),
      { file: 'dialogs/flows/goodbye.yaml', path: 'id' },
    ],
    [
      'a word that means two things',
      () => editDialogSource('commands.yaml', (d) => void ((d['commands'] as Record<string, string[]>)['cancel']!.push('Nope'))),
      { file: 'dialogs/commands.yaml', path: 'answers.no[2]', message: '"nope" already means the command cancel' },
    ],
    [
      'a button label the bot would not read as an answer',
      () => editDialogSource('messages.yaml', (d) => void (((d['labels'] as Data)['unsure'] as Data)['staff'] = 'Caller unsure')),
      { file: 'dialogs/messages.yaml', path: 'labels.unsure.staff' },
    ],
  ])('%s', (_name, sources, where) => {
    expect(problemsOf(sources())).toContainEqual(expect.objectContaining(where));
  });

  it('reports every problem at once, in one message naming each file and path', () => {
    const sources = editDialogSource(
      'routes.yaml',
      (d) => void (d['fallback'] = 'small_talk'),
      editDialogSource('flows/emergency.yaml', (d) => void ((steps(d)[1] as Data)['when'] = { finding: 'colapsed' })),
    );
    expect(() => parseDialogs(sources, tinyBotKnowledge())).toThrow(/dialogs\/flows\/emergency\.yaml at steps\[1\]\.when\.finding[\s\S]*dialogs\/routes\.yaml at fallback/);
  });

  it('names a missing or unreadable folder', () => {
    expect(() => loadDialogs('/nonexistent/dialogs', tinyBotKnowledge())).toThrow(/\/nonexistent\/dialogs\/commands\.yaml: cannot be read/);
  });
});

describe('red-flag questions say what each answer means', () => {
  const withoutMeaning = () =>
    tinyBotKnowledge({ 'questions.yaml': (TINY_BOT_KNOWLEDGE['questions.yaml'] ?? '').replace('    yes_means: Trouble breathing\n', '') });

  it('a question without yes_means is refused, naming it and what to add', () => {
    let problems: ContentProblem[] = [];
    try {
      parseDialogs(shippedDialogSources(), withoutMeaning());
    } catch (error) {
      problems = [...(error as ContentError).problems];
    }
    expect(problems).toEqual([expect.objectContaining({ file: 'knowledge/questions.yaml', path: 'questions[0]', message: expect.stringMatching(/ask_breathing.*yes_means/) })]);
  });

  it('every shipped question declares both meanings', () => {
    for (const q of loadKnowledge().questions.values()) expect([q.id, q.yes_means, q.no_means].every((v) => v !== undefined)).toBe(true);
  });
});
