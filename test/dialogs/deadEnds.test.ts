import type { Activity } from 'botbuilder';
import { DEFAULT_DIALOGS_DIR, loadDialogs, type Voice } from '../../src/dialogs';
import type { TwoVoices } from '../../src/knowledge/schema';
import { createTriageEngine, loadKnowledge, type TriageEngine } from '../../src/triage';
import { CONTACTS, Conversation, replyIds, textOf } from './support/conversation';

/**
 * Dead ends: replies after which the bot waits without a question. Each still says how to reach
 * emergency help, and the ones for a message the bot could not use say what to type, with examples
 * it understands (checked with the shipped content, which the examples are written for).
 */
const knowledge = loadKnowledge();
const engine = createTriageEngine(knowledge);
const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, knowledge);
const withShippedContent = (replaced: TriageEngine = engine) => new Conversation({ knowledge, engine: replaced, dialogs });

/** An engine that fails on "boom", to reach onTurnError. */
const failing: TriageEngine = {
  ...engine,
  analyse: (text: string) => {
    if (text.includes('boom')) throw new Error('analyse failed');
    return engine.analyse(text);
  },
};

const ATTACHMENT_ONLY: Partial<Activity> = { text: '', attachments: [{ contentType: 'image/png', contentUrl: 'https://example.test/photo.png' }] };

/** The phrases a reply quotes as examples of what to type. */
const examplesIn = (text: string): string[] => [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '');

const cases: Array<[string, Voice, string | Partial<Activity>, string, TriageEngine]> = [
  ['a message with no symptom, topic or command', 'patient', 'asdf qwerty', 'not_understood.explain', engine],
  ['a message with no symptom, topic or command', 'staff', 'asdf qwerty', 'not_understood.explain', engine],
  ['a message with only an attachment', 'patient', ATTACHMENT_ONLY, 'text_only', engine],
  ['a message with only an attachment', 'staff', ATTACHMENT_ONLY, 'text_only', engine],
  ['a turn that fails', 'patient', 'boom', 'error', failing],
];

describe('a message the bot cannot use', () => {
  it.each(cases)('%s (%s voice): the emergency number, and examples of what to type that the bot understands', async (_name, voice, message, replyId, replaced) => {
    const conversation = withShippedContent(replaced);
    if (voice === 'staff') expect(replyIds(await conversation.send('staff mode'))).toEqual(['staff_mode_on']);
    const replies = await conversation.send(message);
    expect(replyIds(replies)).toEqual([replyId]);
    const text = textOf(replies);
    expect(text).toContain(CONTACTS.emergency_number);
    const examples = examplesIn(text);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      const ids = replyIds(await withShippedContent().send(example));
      expect({ example, understood: !ids.some((id) => id.startsWith('not_understood.') || id === 'information.no_answer') }).toEqual({ example, understood: true });
    }
  });

  it('a question without an answer in the knowledge base still gives the emergency number', async () => {
    const replies = await withShippedContent().send("what's the weather like?");
    expect(replyIds(replies)).toEqual(['information.no_answer', 'information.anything_else']);
    expect(textOf(replies)).toContain(CONTACTS.emergency_number);
  });
});

describe('every reply that leaves the person waiting names the emergency number', () => {
  const sayOf = (flow: string, step: string): TwoVoices => {
    const found = dialogs.flows.get(flow)?.steps.find((s) => s.id === step);
    if (found?.kind !== 'say') throw new Error(`no say step ${flow}.${step}`);
    return found.say;
  };
  const texts: Array<[string, TwoVoices]> = [
    ...(['welcome', 'help', 'cancelled', 'text_only', 'error', 'staff_mode_refused', 'emergency_reminder', 'content_updated'] as const).map((id): [string, TwoVoices] => [id, dialogs.messages.messages[id]]),
    ...([['not_understood', 'explain'], ['information', 'no_answer'], ['goodbye', 'goodbye'], ['something_else', 'invite']] as const).map(([flow, step]): [string, TwoVoices] => [`${flow}.${step}`, sayOf(flow, step)]),
  ];
  it.each(texts.flatMap(([id, text]) => (['patient', 'staff'] as const).map((voice) => [id, voice, text[voice]] as const)))('%s (%s)', (_id, _voice, text) => {
    expect(text).toContain('{emergency_number}');
  });
});
