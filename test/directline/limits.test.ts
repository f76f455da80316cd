import { FakeClock } from './support/fakeClock';
import { call, startTestServer, type TestServer } from './support/testServer';

/** A request from another address, as the one reverse proxy in front of the bot reports it. */
const from = (address: string) => ({ headers: { 'x-forwarded-for': `203.0.113.9, ${address}` } });

describe('embedded Direct Line: abuse limits', () => {
  let t: TestServer;
  let clock: FakeClock;
  afterEach(async () => {
    await t.close();
  });

  const start = async (options: Parameters<typeof startTestServer>[0]) => {
    clock = new FakeClock();
    t = await startTestServer({ clock: clock.now, trustProxy: true, ...options });
  };

  it('limits how fast one client starts conversations, with 429 and Retry-After, and not other clients', async () => {
    await start({ newConversationsPerMinute: 3, conversationsPerClient: 100 });
    // The token endpoint, tokens/generate and a conversation started without a token all count.
    expect((await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.1'))).status).toBe(200);
    expect((await call(t.baseUrl, 'POST', '/v3/directline/tokens/generate', from('198.51.100.1'))).status).toBe(200);
    expect((await call(t.baseUrl, 'POST', '/v3/directline/conversations', from('198.51.100.1'))).status).toBe(201);

    const refused = await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.1'));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'too_many_new_conversations' } });
    expect(Number(refused.headers.get('retry-after'))).toBe(20);
    expect((await call(t.baseUrl, 'POST', '/v3/directline/conversations', from('198.51.100.1'))).status).toBe(429);

    expect((await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.2'))).status).toBe(200);
    clock.advance(20_000);
    expect((await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.1'))).status).toBe(200);
  });

  it('caps the live conversations of one client, saying when one will have expired', async () => {
    await start({ newConversationsPerMinute: 1000, conversationsPerClient: 2 });
    expect((await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.1'))).status).toBe(200);
    clock.advance(60_000);
    expect((await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.1'))).status).toBe(200);
    const refused = await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.1'));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'too_many_conversations' } });
    expect(Number(refused.headers.get('retry-after'))).toBe(29 * 60);
    expect((await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.2'))).status).toBe(200);

    clock.advance(29 * 60 * 1000);
    expect((await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.1'))).status).toBe(200);
  });

  it('at the global cap ends the least recently active conversation instead of refusing the newcomer', async () => {
    await start({ maxConversations: 2 });
    const first = await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.1'));
    const second = await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.2'));
    clock.advance(1000);
    // The first conversation is used again, so the second is now the least recently active.
    expect((await call(t.baseUrl, 'POST', '/v3/directline/conversations', { token: String(first.body.token) })).status).toBe(201);

    const newcomer = await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.3'));
    expect(newcomer.status).toBe(200);
    expect(await t.directLine.store.get(String(second.body.conversationId))).toBeUndefined();
    expect(await t.directLine.store.get(String(first.body.conversationId))).toBeDefined();
    expect((await call(t.baseUrl, 'POST', '/v3/directline/tokens/refresh', { token: String(second.body.token) })).status).toBe(401);
  });

  it('keeps a flood from one address from locking out everyone else', async () => {
    await start({ maxConversations: 50 });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.66'))).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(new Set(statuses.slice(20))).toEqual(new Set([429]));
    for (let i = 0; i < 60; i++) expect((await call(t.baseUrl, 'POST', '/api/directline/token', from(`198.51.100.${100 + i}`))).status).toBe(200);
  });

  it('counts the socket address, not X-Forwarded-For, unless told to trust a proxy', async () => {
    clock = new FakeClock();
    t = await startTestServer({ clock: clock.now, newConversationsPerMinute: 1 });
    expect((await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.1'))).status).toBe(200);
    expect((await call(t.baseUrl, 'POST', '/api/directline/token', from('198.51.100.2'))).status).toBe(429);
  });
});
