import { ConversationState, MemoryStorage, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { createOnTurnError } from '../../src/bot';
import { parseDialogs } from '../../src/dialogs/loadDialogs';
import { createTriageEngine } from '../../src/triage';
import { Conversation, CONTACTS, memoryLogger, questionOf, replyIds, textOf, type LogLine } from './support/conversation';
import { editDialogSource, shippedDialogSources } from './support/dialogSources';
import { TINY_BOT_KNOWLEDGE, tinyBotKnowledge } from './support/tinyKnowledge';

const quiet: Array<[string, Partial<Activity>]> = [
  ['typing', { type: 'typing' }],
  ['a reaction', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }],
  ['an unknown event', { type: 'event', name: 'something/else', value: { a: 1 } }],
  ['a conversation update without members', { type: 'conversationUpdate', topicName: 'renamed' }],
  ['a member leaving', { type: 'conversationUpdate', membersRemoved: [{ id: 'user-1', name: 'Person' }] }],
  ['end of conversation', { type: 'endOfConversation' }],
  ['an uninstall', { type: 'installationUpdate', action: 'remove' }],
  ['a message update', { type: 'messageUpdate', text: 'edited' }],
  ['an activity type nobody knows', { type: 'somethingNew' }],
];

describe('activities that need no reply', () => {
  it.each(quiet)('%s: no reply, no error, and a pending question survives', async (_name, activity) => {
    const conversation = new Conversation();
    await conversation.send('I feel nauseous');
    expect(await conversation.send(activity)).toEqual([]);
    expect(conversation.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(questionOf((await conversation.send('no')).at(-1))).toBe('ask_hallucinations');
  });
});

describe('invokes', () => {
  it.each([
    ['a Teams card action invoke (no name)', { type: 'invoke', channelId: 'msteams', value: { answer: 'yes' } }],
    ['an unknown invoke', { type: 'invoke', name: 'composeExtension/query', value: {} }],
    ['a Universal Actions invoke', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x', data: {} } } }],
  ])('%s gets a 200 response', async (_name, activity) => {
    const conversation = new Conversation();
    const replies = await conversation.send(activity as Partial<Activity>);
    const response = replies.find((r) => r.type === 'invokeResponse');
    expect(response?.value).toMatchObject({ status: 200 });
    expect(conversation.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('onTurnError', () => {
  function failingConversation(): Conversation {
    const knowledge = tinyBotKnowledge();
    const engine = createTriageEngine(knowledge);
    // The core fails deciding over a message with "boom" in it, inside the dialogs.
    let boom = false;
    return new Conversation({
      knowledge,
      engine: {
        ...engine,
        analyse: (text: string) => {
          boom = text.includes('boom');
          return engine.analyse(text);
        },
        decide: (analyses, answers) => {
          if (boom) throw new TypeError('decide exploded');
          return engine.decide(analyses, answers);
        },
      },
    });
  }

  it('tells the person something went wrong and how to reach emergency help, and clears the state', async () => {
    const conversation = failingConversation();
    await conversation.send('I feel nauseous');
    const replies = await conversation.send('boom, I feel nauseous');
    expect(replyIds(replies)).toEqual(['error']);
    expect(textOf(replies)).toContain(CONTACTS.emergency_number);
    // The pending question is gone: "no" now means "nothing else".
    expect(replyIds(await conversation.send('no'))).toEqual(['goodbye.goodbye']);
  });

  it('logs the error by name and code (and its cause inside a dialog), never its message, stack or the text', async () => {
    const conversation = failingConversation();
    await conversation.send('boom, I feel nauseous');
    const errors = conversation.logs.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.fields).toMatchObject({ conversation: expect.stringMatching(/^[0-9a-f]{12}$/), err: { name: 'DialogContextError', cause: { name: 'TypeError', code: 'TypeError' } } });
    expect(JSON.stringify(conversation.logs)).not.toContain('decide exploded');
    expect(JSON.stringify(conversation.logs)).not.toContain('nauseous');
  });

  it('never throws, even when sending and clearing fail', async () => {
    const lines: LogLine[] = [];
    const state = new ConversationState(new MemoryStorage());
    jest.spyOn(state, 'delete').mockRejectedValue(new Error('storage down'));
    const handler = createOnTurnError({ conversationState: state, logger: memoryLogger(lines), contacts: { ...CONTACTS } });
    class ChannelDownAdapter extends TestAdapter {
      override async sendActivities(): Promise<never> {
        throw new Error('channel down');
      }
    }
    await new ChannelDownAdapter().processActivity({ type: 'message', text: 'hi' }, async (context: TurnContext) => {
      await expect(handler(context, new Error('first failure'))).resolves.toBeUndefined();
    });
    expect(lines.map((l) => l.message)).toEqual(['turn failed', 'could not send the error message', 'could not clear conversation state']);
  });
});

describe('content version', () => {
  it('a conversation started on other knowledge restarts cleanly', async () => {
    const storage = new MemoryStorage();
    const before = new Conversation({ storage });
    expect(questionOf((await before.send('I feel nauseous')).at(-1))).toBe('ask_breathing');

    const changed = tinyBotKnowledge({ 'findings.yaml': TINY_BOT_KNOWLEDGE['findings.yaml'].replace('version: "tiny-1"', 'version: "tiny-2"') });
    const after = new Conversation({ storage, knowledge: changed });
    const replies = await after.send('no');
    expect(replyIds(replies)).toEqual(['content_updated', 'goodbye.goodbye']);
    // Nausea was forgotten with the old content.
    await after.send('he is hallucinating');
    expect(after.logs.find((l) => l.message === 'disposition')?.fields['findings']).toEqual(['hallucinations']);
  });

  it('so does one started on other dialog files', async () => {
    const storage = new MemoryStorage();
    await new Conversation({ storage }).send('I feel nauseous');
    const knowledge = tinyBotKnowledge();
    const dialogs = parseDialogs(editDialogSource('flows/triage.yaml', (d) => void (d['version'] = `${String(d['version'])}-edited`)), knowledge);
    expect(replyIds(await new Conversation({ storage, knowledge, dialogs }).send('no'))[0]).toBe('content_updated');
  });

  it('the same content carries on', async () => {
    const storage = new MemoryStorage();
    await new Conversation({ storage }).send('I feel nauseous');
    const knowledge = tinyBotKnowledge();
    const dialogs = parseDialogs(shippedDialogSources(), knowledge);
    expect(questionOf((await new Conversation({ storage, knowledge, dialogs }).send('no')).at(-1))).toBe('ask_hallucinations');
  });
});
