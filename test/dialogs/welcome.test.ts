import type { Voice } from '../../src/dialogs';
import { Wording } from '../../src/dialogs/wording';
import { CONTACTS, Conversation, replyIds, textOf } from './support/conversation';

const words = (text: string) => text.split(/\s+/).filter((w) => w !== '').length;

describe('welcome', () => {
  it('welcomes once when the person joins: what the bot does, not a clinician, the emergency number', async () => {
    const conversation = new Conversation();
    const replies = await conversation.join();
    expect(replyIds(replies)).toEqual(['welcome']);
    expect(textOf(replies)).toContain('112');
    expect(replyIds(await conversation.join())).toEqual([]);
  });

  it.each<Voice>(['patient', 'staff'])('%s voice: two or three short paragraphs, a blank line apart, the emergency number in the last', (voice) => {
    const { messages } = new Conversation().dialogs;
    const paragraphs = new Wording(messages, { ...CONTACTS }).message('welcome', voice).split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(2);
    expect(paragraphs.length).toBeLessThanOrEqual(3);
    // No line breaks inside a paragraph: the chat would show them as breaks in the middle of a sentence.
    expect(paragraphs.filter((p) => p.trim() !== p || p.includes('\n'))).toEqual([]);
    expect(paragraphs.map(words).filter((n) => n > 45)).toEqual([]);
    expect(paragraphs.at(-1)).toContain(CONTACTS.emergency_number);
    expect(paragraphs.slice(0, -1).join(' ')).not.toContain(CONTACTS.emergency_number);
  });

  it("does not welcome on the bot's own membersAdded", async () => {
    const conversation = new Conversation();
    expect(replyIds(await conversation.send({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', name: 'Triage bot' }] }))).toEqual([]);
    // ...but does when the person then joins (the Emulator may send two updates).
    expect(replyIds(await conversation.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Person' }] }))).toEqual(['welcome']);
  });

  it('welcomes once on the web chat join event', async () => {
    const conversation = new Conversation({ channelId: 'directline' });
    expect(replyIds(await conversation.send({ type: 'event', name: 'webchat/join', value: {} }))).toEqual(['welcome']);
    expect(replyIds(await conversation.send({ type: 'event', name: 'webchat/join', value: {} }))).toEqual([]);
    expect(replyIds(await conversation.join())).toEqual([]);
  });

  it('welcomes once on a Teams personal install: the bot added, then installationUpdate', async () => {
    const conversation = new Conversation({ channelId: 'msteams', conversationType: 'personal' });
    expect(replyIds(await conversation.send({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', name: 'Triage bot' }] }))).toEqual(['welcome']);
    expect(replyIds(await conversation.send({ type: 'installationUpdate', action: 'add' }))).toEqual([]);
  });

  it('welcomes on installationUpdate when it comes first', async () => {
    const conversation = new Conversation({ channelId: 'msteams', conversationType: 'personal' });
    expect(replyIds(await conversation.send({ type: 'installationUpdate', action: 'add' }))).toEqual(['welcome']);
  });

  it('does not welcome when the bot is added to a Teams group chat', async () => {
    const conversation = new Conversation({ channelId: 'msteams', conversationType: 'groupChat', isGroup: true });
    expect(replyIds(await conversation.send({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', name: 'Triage bot' }] }))).toEqual([]);
  });
});
