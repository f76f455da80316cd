import { call, startConversation, startTestServer, type TestServer } from './support/testServer';

describe('embedded Direct Line: a token reaches only its own conversation', () => {
  let t: TestServer;
  let mine: { token: string; conversationId: string };
  let theirs: { token: string; conversationId: string };
  beforeEach(async () => {
    t = await startTestServer();
    mine = await startConversation(t.baseUrl);
    theirs = await startConversation(t.baseUrl);
  });
  afterEach(async () => {
    await t.close();
  });

  const routes = (conversationId: string): [string, string][] => [
    ['GET', `/v3/directline/conversations/${conversationId}/activities`],
    ['GET', `/v3/directline/conversations/${conversationId}`],
    ['POST', `/v3/directline/conversations/${conversationId}/activities`],
  ];

  it.each([0, 1, 2])('answers 401 without a token (route %i)', async (index) => {
    const [method, path] = routes(mine.conversationId)[index];
    const response = await call(t.baseUrl, method, path, { body: method === 'POST' ? { type: 'message', text: 'hi' } : undefined });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'missing_token', message: expect.any(String) } });
  });

  it.each([0, 1, 2])('answers 401 to a made-up token (route %i)', async (index) => {
    const [method, path] = routes(mine.conversationId)[index];
    const response = await call(t.baseUrl, method, path, { token: 'x'.repeat(43), body: method === 'POST' ? { type: 'message' } : undefined });
    expect(response.status).toBe(401);
  });

  it.each([0, 1, 2])("answers 403 to a valid token used on another conversation's id (route %i)", async (index) => {
    const [method, path] = routes(theirs.conversationId)[index];
    const response = await call(t.baseUrl, method, path, { token: mine.token, body: method === 'POST' ? { type: 'message', text: 'hi' } : undefined });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: { code: 'wrong_conversation' } });
  });

  it("never shows one person's messages to another", async () => {
    await call(t.baseUrl, 'POST', `/v3/directline/conversations/${mine.conversationId}/activities`, {
      token: mine.token,
      body: { type: 'message', text: 'private symptom' },
    });
    const other = await call(t.baseUrl, 'GET', `/v3/directline/conversations/${theirs.conversationId}/activities`, { token: theirs.token });
    expect(JSON.stringify(other.body)).not.toContain('private symptom');
  });

  it('refuses to refresh without a valid token', async () => {
    expect((await call(t.baseUrl, 'POST', '/v3/directline/tokens/refresh')).status).toBe(401);
    expect((await call(t.baseUrl, 'POST', '/v3/directline/tokens/refresh', { token: 'nope' })).status).toBe(401);
  });

  it('answers 404 to bot connector calls for a conversation that does not exist', async () => {
    const response = await call(t.baseUrl, 'POST', '/v3/conversations/not-a-conversation/activities', { body: { type: 'message', text: 'x' } });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: 'conversation_not_found' } });
  });

  it('lets the bot list the members of an existing conversation', async () => {
    const response = await call(t.baseUrl, 'GET', `/v3/conversations/${mine.conversationId}/members`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      { id: 'bot', name: 'Bot', role: 'bot' },
      { id: 'r_testuser', role: 'user' },
    ]);
  });

  it('lets the bot delete one of its activities', async () => {
    const sent = await call(t.baseUrl, 'POST', `/v3/conversations/${mine.conversationId}/activities`, { body: { type: 'message', text: 'oops' } });
    const path = `/v3/conversations/${mine.conversationId}/activities/${encodeURIComponent(String(sent.body.id))}`;
    expect((await call(t.baseUrl, 'DELETE', path)).status).toBe(200);
    expect((await call(t.baseUrl, 'DELETE', path)).status).toBe(404);
  });
});
