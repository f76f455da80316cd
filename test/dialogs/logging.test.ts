import { hashId } from '../../src/logging';
import { Conversation } from './support/conversation';

async function talk(conversation: Conversation): Promise<void> {
  for (const text of ['I feel nauseous', 'no', 'no', 'no', 'my husband just collapsed', 'help']) await conversation.send(text);
}

describe('logs', () => {
  it('never hold the person\'s text, nor the raw conversation id', async () => {
    const conversation = new Conversation();
    await talk(conversation);
    const all = JSON.stringify(conversation.logs);
    for (const words of ['nauseous', 'husband', 'collapsed', 'conversation-1']) expect(all).not.toContain(words);
  });

  it('hold a conversation hash, the activity type, timings, the level and the finding ids', async () => {
    const conversation = new Conversation();
    await talk(conversation);
    const turns = conversation.logs.filter((l) => l.message === 'turn');
    expect(turns).toHaveLength(6);
    for (const turn of turns) expect(turn.fields).toMatchObject({ conversation: expect.stringMatching(/^[0-9a-f]{12}$/), activityType: 'message', ms: expect.any(Number) });
    expect(conversation.logs.filter((l) => l.message === 'disposition').map((l) => [l.fields['level'], l.fields['findings']])).toEqual([
      ['self-care', ['nausea']],
      ['emergency', ['nausea', 'unresponsive']],
    ]);
    expect(conversation.logs.find((l) => l.message === 'interrupt')?.fields).toMatchObject({ interrupt: 'emergency', findings: ['unresponsive'] });
    expect(conversation.logs.find((l) => l.message === 'command')?.fields).toMatchObject({ command: 'help' });
  });

  it("hash the conversation id as the server's logs do, so a turn's lines can be joined with the request's", async () => {
    const conversation = new Conversation();
    await talk(conversation);
    const hashes = new Set(conversation.logs.map((l) => l.fields['conversation']));
    expect([...hashes]).toEqual([hashId('conversation-1')]);
  });

  it('hold the text of each message only when logPatientText is on', async () => {
    const conversation = new Conversation({ logPatientText: true });
    await conversation.send('I feel nauseous');
    expect(conversation.logs.find((l) => l.message === 'turn')?.fields['text']).toBe('I feel nauseous');
  });
});
