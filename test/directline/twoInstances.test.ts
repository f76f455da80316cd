import type { WebSocket } from 'ws';
import { startBot, type RunningBot } from '../e2e/botHarness';
import { createTestSchema, type TestSchema } from '../storage/support/postgres';
import { waitFor } from '../support/waitFor';
import { openStream, type ActivitySet } from './support/stream';
import { activitiesSince, call, startConversation } from './support/testServer';

/**
 * The web chat through two instances of the real bot on one PostgreSQL database, as behind a load
 * balancer that sends each request wherever it likes: Web Chat's own protocol (token, start, stream,
 * post), with the conversation's requests split between the instances.
 */

const activitiesOf = (sets: ActivitySet[]) => sets.flatMap((s) => s.activities);
const botMessages = (sets: ActivitySet[]) => activitiesOf(sets).filter((a) => a.type === 'message' && a.from?.role === 'bot');

describe('web chat through two instances on one PostgreSQL database', () => {
  let schema: TestSchema;
  let a: RunningBot;
  let b: RunningBot;
  const streams: WebSocket[] = [];

  beforeAll(async () => {
    schema = await createTestSchema();
    const env = { STORAGE: 'postgres', DATABASE_URL: schema.url, LOG_LEVEL: 'info' };
    [a, b] = await Promise.all([startBot(env), startBot(env)]);
  }, 60_000);

  afterAll(async () => {
    for (const ws of streams) ws.close();
    await Promise.all([a, b].map((bot) => bot?.close()));
    await schema.drop();
  });

  it("streams on A the reply to a message posted to B, in a conversation A started with A's token", async () => {
    const conversation = await startConversation(a.baseUrl, 'two-instance-user');
    const { ws, sets } = await openStream(conversation.streamUrl);
    streams.push(ws);
    await waitFor(() => botMessages(sets).length > 0, { timeoutMs: 15_000, what: 'the welcome on A' });
    const welcomed = botMessages(sets).length;

    const sent = performance.now();
    const posted = await call(b.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
      token: conversation.token,
      body: { type: 'message', text: 'I feel dizzy', channelData: { clientActivityID: 'c1' } },
    });
    expect(posted.status).toBe(200);
    const postedId = String(posted.body.id);

    await waitFor(() => botMessages(sets).slice(welcomed).some((m) => m.replyToId === postedId), { timeoutMs: 15_000, what: 'the reply on A', intervalMs: 2 });
    console.log(`web chat across instances: posted to B, first reply on A's WebSocket after ${(performance.now() - sent).toFixed(0)} ms`);
    // A's socket shows the person's own message too, then the replies, each once and in order.
    const ids = activitiesOf(sets).map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    expect(activitiesOf(sets).find((x) => x.id === postedId)).toMatchObject({ text: 'I feel dizzy', channelData: { clientActivityID: 'c1' } });
    expect(botMessages(sets).some((m) => m.channelData?.['replyId'] === 'error' || m.channelData?.['replyId'] === 'bot_unavailable')).toBe(false);

    // Polling B reads the same conversation as A's socket.
    const onB = await activitiesSince(b.baseUrl, conversation);
    expect(onB.activities.map((x) => x.id)).toEqual(expect.arrayContaining(ids));
  }, 60_000);

  it('accepts on B a token minted by A, and on A a token B refreshed', async () => {
    const issued = await call(a.baseUrl, 'POST', '/api/directline/token');
    const token = String(issued.body.token);
    const started = await call(b.baseUrl, 'POST', '/v3/directline/conversations', { token, body: { user: { id: 'token-user' } } });
    expect(started.status).toBe(201);
    expect(started.body.conversationId).toBe(issued.body.conversationId);

    const refreshed = await call(b.baseUrl, 'POST', '/v3/directline/tokens/refresh', { token });
    expect(refreshed.status).toBe(200);
    const onA = await call(a.baseUrl, 'GET', `/v3/directline/conversations/${String(issued.body.conversationId)}/activities`, { token: String(refreshed.body.token) });
    expect(onA.status).toBe(200);
    // Starting it again on A is a resume, not a second welcome.
    expect((await call(a.baseUrl, 'POST', '/v3/directline/conversations', { token })).status).toBe(200);
    await waitFor(async () => ((await activitiesSince(a.baseUrl, { token, conversationId: String(issued.body.conversationId) })).activities.length > 0 ? true : undefined));
    const [row] = await schema.query<{ starts: string }>(
      "SELECT count(*) AS starts FROM directline_activities WHERE conversation_id = $1 AND activity->'from'->>'role' = 'bot'",
      [issued.body.conversationId],
    );
    expect(Number(row?.starts)).toBe(1);

    const forged = `${token.slice(0, -2)}xx`;
    expect((await call(b.baseUrl, 'GET', `/v3/directline/conversations/${String(issued.body.conversationId)}/activities`, { token: forged })).status).toBe(401);
  }, 60_000);

  it('forgets on request: the stored activities of the conversation are deleted, whichever instance is asked', async () => {
    const conversation = await startConversation(a.baseUrl, 'forget-user');
    await waitFor(async () => ((await activitiesSince(a.baseUrl, conversation)).activities.length > 0 ? true : undefined), { timeoutMs: 15_000 });
    await call(a.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
      token: conversation.token,
      body: { type: 'message', text: 'I feel very sleepy' },
    });
    const stored = async () =>
      (await schema.query<{ text: string | null }>("SELECT activity->>'text' AS text FROM directline_activities WHERE conversation_id = $1 ORDER BY seq", [conversation.conversationId])).map((r) => r.text);
    await waitFor(async () => ((await stored()).length >= 3 ? true : undefined), { timeoutMs: 15_000, what: 'the triage reply' });
    expect(await stored()).toContain('I feel very sleepy');

    const forget = await call(b.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
      token: conversation.token,
      body: { type: 'message', text: 'forget me' },
    });
    expect(forget.status).toBe(200);
    const after = await waitFor(
      async () => {
        const { activities } = await activitiesSince(a.baseUrl, conversation);
        return activities.some((x) => (x['channelData'] as { replyId?: string } | undefined)?.replyId === 'forgotten') ? activities : undefined;
      },
      { timeoutMs: 15_000, what: 'the forgotten reply' },
    );
    // What is left is the confirmation; the person's messages and the advice are gone from the database.
    expect(after.map((x) => (x['channelData'] as { replyId?: string } | undefined)?.replyId)).toEqual(['forgotten']);
    expect(await stored()).not.toContain('I feel very sleepy');
    expect(await stored()).toHaveLength(1);
  }, 60_000);
});
