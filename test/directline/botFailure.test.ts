import { waitFor } from '../support/waitFor';
import { activitiesSince, call, startConversation, startTestServer, type TestServer } from './support/testServer';

const FAILURE_TEXT = 'Sorry, something went wrong. If someone cannot be woken, call 999 now.';

/** The bot messages that tell the person the bot could not handle what they sent. */
async function failureMessages(t: TestServer, conversation: { token: string; conversationId: string }): Promise<Record<string, unknown>[]> {
  const { activities } = await activitiesSince(t.baseUrl, conversation);
  return activities.filter((a) => (a.channelData as { replyId?: string } | undefined)?.replyId === 'bot_unavailable');
}

describe('embedded Direct Line: the person is told when the bot fails', () => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const post = (conversation: { token: string; conversationId: string }, text: string) =>
    call(t!.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
      token: conversation.token,
      body: { type: 'message', text },
    });

  it('adds the failure text as a bot reply when the bot answers 500', async () => {
    t = await startTestServer({ failureText: FAILURE_TEXT });
    const conversation = await startConversation(t.baseUrl);
    const posted = await post(conversation, 'boom');
    expect(posted.status).toBe(200);
    const [failure] = await waitFor(async () => {
      const found = await failureMessages(t!, conversation);
      return found.length > 0 ? found : undefined;
    });
    expect(failure).toMatchObject({ type: 'message', text: FAILURE_TEXT, from: { role: 'bot' }, replyToId: posted.body.id });
    // The conversation goes on: the next message reaches the bot and is answered as usual.
    await post(conversation, 'hello');
    await waitFor(async () => (await activitiesSince(t!.baseUrl, conversation)).activities.find((a) => a.text === 'You said: hello'));
    expect(await failureMessages(t, conversation)).toHaveLength(1);
  });

  it('tells the person at the start and after each message when the bot cannot be reached', async () => {
    t = await startTestServer({ failureText: FAILURE_TEXT, botEndpoint: () => 'http://127.0.0.1:9/api/messages' });
    const conversation = await startConversation(t.baseUrl);
    const posted = await post(conversation, 'hello');
    expect(posted.status).toBe(200);
    await waitFor(async () => ((await failureMessages(t!, conversation)).length === 2 ? true : undefined));
    const { activities } = await activitiesSince(t.baseUrl, conversation);
    expect(activities.map((a) => [a.from && (a.from as { role?: string }).role, a.text])).toEqual([
      ['bot', FAILURE_TEXT],
      ['user', 'hello'],
      ['bot', FAILURE_TEXT],
    ]);
    expect(activities[2]?.replyToId).toBe(posted.body.id);
  });

  it('tells the person when the bot takes longer than botTimeoutMs', async () => {
    t = await startTestServer({ failureText: FAILURE_TEXT, botTimeoutMs: 50, fetch: (_url, init) => never(init.signal) });
    const conversation = await startConversation(t.baseUrl);
    await waitFor(async () => ((await failureMessages(t!, conversation)).length === 1 ? true : undefined));
  });
});

/** A fetch that only ends when it is aborted, as a hung bot would. */
function never(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason as Error)));
}
