import { FakeClock } from './support/fakeClock';
import { waitFor } from '../support/waitFor';
import { activitiesSince, call, startConversation, startTestServer, type TestServer } from './support/testServer';

describe('embedded Direct Line: a conversation from start to reply', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer({ clock: new FakeClock().now });
  });
  afterEach(async () => {
    await t.close();
  });

  it('hands the page a token, then a conversation with a token and a WebSocket streamUrl', async () => {
    const issued = await call(t.baseUrl, 'POST', '/api/directline/token');
    expect(issued.status).toBe(200);
    expect(issued.body).toEqual({ token: expect.any(String), conversationId: expect.any(String), expires_in: 1800 });
    expect(String(issued.body.token).length).toBeGreaterThanOrEqual(43);

    const started = await call(t.baseUrl, 'POST', '/v3/directline/conversations', { token: String(issued.body.token), body: {} });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ conversationId: issued.body.conversationId, token: issued.body.token, expires_in: 1800 });
    expect(String(started.body.streamUrl)).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${issued.body.conversationId}/stream\\?t=[\\w-]+\\.[\\w-]{43}$`),
    );
  });

  it('offers a wss:// streamUrl behind a TLS-terminating proxy', async () => {
    const response = await fetch(`${t.baseUrl}/v3/directline/conversations`, { method: 'POST', headers: { 'x-forwarded-proto': 'https' } });
    const body = (await response.json()) as { streamUrl: string };
    expect(body.streamUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\//);
  });

  it('creates a conversation and its token when POST /conversations comes without one', async () => {
    const started = await call(t.baseUrl, 'POST', '/v3/directline/conversations');
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ conversationId: expect.any(String), token: expect.any(String), streamUrl: expect.any(String) });
  });

  it('tells the bot the user joined as soon as the conversation starts, so the welcome is there before typing', async () => {
    const conversation = await startConversation(t.baseUrl, 'r_alice');
    const update = await waitFor(() => t.received.find((a) => a.type === 'conversationUpdate'));
    expect(update).toMatchObject({
      channelId: 'directline',
      serviceUrl: t.baseUrl,
      conversation: { id: conversation.conversationId },
      recipient: { id: 'bot' },
      membersAdded: [{ id: 'bot' }, { id: 'r_alice', role: 'user' }],
    });
    const welcome = await waitFor(async () => (await activitiesSince(t.baseUrl, conversation)).activities[0]);
    expect(welcome).toMatchObject({ type: 'message', text: 'Hello, I am the test bot. How can I help?', from: { id: 'bot', role: 'bot' } });
  });

  it('starts a conversation only once when the page calls POST /conversations again', async () => {
    const conversation = await startConversation(t.baseUrl);
    const again = await call(t.baseUrl, 'POST', '/v3/directline/conversations', { token: conversation.token });
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(conversation.conversationId);
    await waitFor(async () => (await activitiesSince(t.baseUrl, conversation)).activities[0]);
    expect(t.received.filter((a) => a.type === 'conversationUpdate')).toHaveLength(1);
  });

  it('echoes the posted activity with server id, timestamp and user, keeping channelData.clientActivityID unchanged', async () => {
    const conversation = await startConversation(t.baseUrl, 'r_alice');
    const posted = await call(t.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
      token: conversation.token,
      body: {
        type: 'message',
        text: 'my legs feel weak',
        channelId: 'webchat',
        from: { id: 'someone_else', name: 'Alice', role: 'bot' },
        channelData: { clientActivityID: '1700000000000abcdef', other: { kept: true } },
        id: 'client-chosen-id',
      },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.id).toMatch(new RegExp(`^${conversation.conversationId}\\|\\d{7}$`));

    const { activities } = await activitiesSince(t.baseUrl, conversation);
    const echo = activities.find((a) => a.id === posted.body.id);
    expect(echo).toMatchObject({
      type: 'message',
      text: 'my legs feel weak',
      channelId: 'directline',
      conversation: { id: conversation.conversationId },
      from: { id: 'r_alice', role: 'user' },
      channelData: { clientActivityID: '1700000000000abcdef', other: { kept: true } },
    });
    expect(Date.parse(String(echo?.timestamp))).not.toBeNaN();
  });

  it('forwards the activity to the bot with serviceUrl and the bot as recipient, and shows the reply after the watermark', async () => {
    const conversation = await startConversation(t.baseUrl);
    await waitFor(async () => (await activitiesSince(t.baseUrl, conversation)).activities[0]);
    const before = await activitiesSince(t.baseUrl, conversation);

    const posted = await call(t.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
      token: conversation.token,
      body: { type: 'message', text: 'hello' },
    });
    const toBot = await waitFor(() => t.received.find((a) => a.type === 'message'));
    expect(toBot).toMatchObject({ id: posted.body.id, serviceUrl: t.baseUrl, recipient: { id: 'bot' }, text: 'hello' });

    const after = await waitFor(async () => {
      const page = await activitiesSince(t.baseUrl, conversation, before.watermark);
      return page.activities.length >= 2 ? page : undefined;
    });
    expect(after.activities.map((a) => a.text)).toEqual(['hello', 'You said: hello']);
    expect(after.activities[1]).toMatchObject({ replyToId: posted.body.id, from: { id: 'bot' } });
    expect(Number(after.watermark)).toBeGreaterThan(Number(before.watermark));
    expect((await activitiesSince(t.baseUrl, conversation, after.watermark)).activities).toEqual([]);
  });

  it('refreshes a token into a new one for the same conversation', async () => {
    const conversation = await startConversation(t.baseUrl);
    const refreshed = await call(t.baseUrl, 'POST', '/v3/directline/tokens/refresh', { token: conversation.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ conversationId: conversation.conversationId, expires_in: 1800 });
    expect(refreshed.body.token).not.toBe(conversation.token);
    const read = await call(t.baseUrl, 'GET', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
      token: String(refreshed.body.token),
    });
    expect(read.status).toBe(200);
  });

  it('generates a token for a new conversation at /tokens/generate', async () => {
    const generated = await call(t.baseUrl, 'POST', '/v3/directline/tokens/generate');
    expect(generated.status).toBe(200);
    expect(generated.body).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
  });

  it('gives a reconnecting client a new streamUrl that carries its watermark', async () => {
    const conversation = await startConversation(t.baseUrl);
    const reconnect = await call(t.baseUrl, 'GET', `/v3/directline/conversations/${conversation.conversationId}?watermark=3`, {
      token: conversation.token,
    });
    expect(reconnect.status).toBe(200);
    expect(reconnect.body).toMatchObject({ conversationId: conversation.conversationId, token: conversation.token });
    expect(String(reconnect.body.streamUrl)).toMatch(/stream\?t=[\w.-]+&watermark=3$/);
  });
});

describe('embedded Direct Line: join event', () => {
  it('also sends the bot a webchat/join event when asked to', async () => {
    const t = await startTestServer({ sendJoinEvent: true });
    try {
      await startConversation(t.baseUrl);
      const join = await waitFor(() => t.received.find((a) => a.type === 'event'));
      expect(join).toMatchObject({ name: 'webchat/join', value: { language: 'en-US' } });
      expect(t.received.map((a) => a.type)).toEqual(['conversationUpdate', 'event']);
    } finally {
      await t.close();
    }
  });
});
