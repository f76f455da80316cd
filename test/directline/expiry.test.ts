import { FakeClock } from './support/fakeClock';
import { waitFor } from '../support/waitFor';
import { activitiesSince, call, startConversation, startTestServer, type TestServer } from './support/testServer';

const TTL = 30 * 60 * 1000;

describe('embedded Direct Line: tokens and conversations expire after the idle TTL', () => {
  let t: TestServer;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    t = await startTestServer({ clock: clock.now });
  });
  afterEach(async () => {
    await t.close();
  });

  const read = (conversation: { token: string; conversationId: string }, token = conversation.token) =>
    call(t.baseUrl, 'GET', `/v3/directline/conversations/${conversation.conversationId}/activities`, { token });

  it('answers 403 (token expired) once the TTL has passed, and 401 once the sweep removed it', async () => {
    const conversation = await startConversation(t.baseUrl);
    clock.advance(TTL - 1);
    expect((await read(conversation)).status).toBe(200);
    clock.advance(TTL);
    const expired = await read(conversation);
    expect(expired.status).toBe(403);
    expect(expired.body).toMatchObject({ error: { code: 'token_expired' } });
    expect(await t.directLine.sweep()).toBe(1);
    expect(t.directLine.store.size).toEqual({ conversations: 0, redeemedTickets: 0 });
    expect((await read(conversation)).status).toBe(401);
  });

  it('keeps a conversation alive while the page refreshes its token', async () => {
    const conversation = await startConversation(t.baseUrl);
    let token = conversation.token;
    for (let i = 0; i < 4; i++) {
      clock.advance(TTL / 2);
      const refreshed = await call(t.baseUrl, 'POST', '/v3/directline/tokens/refresh', { token });
      expect(refreshed.status).toBe(200);
      token = String(refreshed.body.token);
    }
    expect((await read(conversation, token)).status).toBe(200);
    expect((await read(conversation)).status).toBe(403);
  });

  it('refuses to refresh an expired token', async () => {
    const conversation = await startConversation(t.baseUrl);
    clock.advance(TTL);
    expect((await call(t.baseUrl, 'POST', '/v3/directline/tokens/refresh', { token: conversation.token })).status).toBe(403);
  });

  it('turns away the bot once the conversation expired', async () => {
    const conversation = await startConversation(t.baseUrl);
    await waitFor(async () => (await activitiesSince(t.baseUrl, conversation)).activities[0]);
    clock.advance(TTL);
    const late = await call(t.baseUrl, 'POST', `/v3/conversations/${conversation.conversationId}/activities`, { body: { type: 'message', text: 'late' } });
    expect(late.status).toBe(404);
  });

  it('sweeps tokens never used to start a conversation', async () => {
    await call(t.baseUrl, 'POST', '/api/directline/token');
    await call(t.baseUrl, 'POST', '/api/directline/token');
    expect(t.directLine.store.size.conversations).toBe(2);
    clock.advance(TTL);
    expect(await t.directLine.sweep()).toBe(2);
    expect(t.directLine.store.size.conversations).toBe(0);
  });
});

describe('embedded Direct Line: memory stays bounded', () => {
  it('keeps only the newest maxHistory activities of a conversation', async () => {
    const t = await startTestServer({ maxHistory: 3 });
    try {
      const conversation = await startConversation(t.baseUrl);
      await waitFor(async () => (await activitiesSince(t.baseUrl, conversation)).activities[0]);
      for (const text of ['one', 'two', 'three', 'four']) {
        await call(t.baseUrl, 'POST', `/v3/conversations/${conversation.conversationId}/activities`, { body: { type: 'message', text } });
      }
      await waitFor(async () => ((await activitiesSince(t.baseUrl, conversation)).watermark === '5' ? true : undefined));
      const { activities } = await activitiesSince(t.baseUrl, conversation);
      expect(activities.map((a) => a.text)).toEqual(['two', 'three', 'four']);
    } finally {
      await t.close();
    }
  });

  it('holds at most maxConversations, ending the least recently active one to make room', async () => {
    const t = await startTestServer({ maxConversations: 2 });
    try {
      for (let i = 0; i < 5; i++) expect((await call(t.baseUrl, 'POST', '/api/directline/token')).status).toBe(200);
      expect(t.directLine.store.size.conversations).toBe(2);
    } finally {
      await t.close();
    }
  });
});
