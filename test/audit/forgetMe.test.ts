import { startBot, type RunningBot } from '../e2e/botHarness';
import { findAction } from '../e2e/emulatorClient';

/** "Forget me" from the summary card's button and in the staff voice (memory storage). */

describe('forget me', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.close());

  it('is offered on the summary card, and its button deletes the conversation like the typed command', async () => {
    const conversation = bot.client.conversation();
    await conversation.join();
    const advice = await conversation.say("I'm a bit nauseous on baclofen");
    const yes = findAction(advice.replies, 'Yes');
    expect(yes).toBeDefined();
    const replies = (await conversation.press(yes!)).replies;
    const summary = replies.find((r) => (r.channelData as { summary?: unknown } | undefined)?.summary !== undefined);
    const actions = (summary?.attachments?.[0]?.content as { actions?: Array<{ title: string; data: unknown }> } | undefined)?.actions ?? [];
    expect(actions).toEqual([{ type: 'Action.Submit', title: 'Delete this conversation', data: { action: 'forget_me' } }]);

    const forgotten = await conversation.send({ ...conversation.envelope('message'), value: { action: 'forget_me' } });
    expect(forgotten.replies.map((r) => r.channelData?.replyId)).toEqual(['forgotten']);
    // The next message starts a new conversation: the bot no longer knows this one.
    const next = await conversation.say('help');
    expect(next.replies.map((r) => r.channelData?.replyId)).not.toContain('content_updated');
    expect(bot.logOutput()).toMatch(/"msg":"forgotten"/);
  }, 60_000);

  it('answers in the staff voice in staff mode', async () => {
    const conversation = bot.client.conversation();
    await conversation.join();
    await conversation.say('staff mode');
    const forgotten = await conversation.say('delete my data');
    expect(forgotten.replies).toHaveLength(1);
    expect(forgotten.replies[0]?.text).toMatch(/^Done: this call's conversation is deleted/);
  }, 60_000);
});
