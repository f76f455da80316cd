import { WebSocket } from 'ws';
import { openStream, type ActivitySet } from './support/stream';
import { waitFor } from '../support/waitFor';
import { activitiesSince, call, startConversation, startTestServer, type TestServer } from './support/testServer';

/** The HTTP status a refused WebSocket upgrade answered with. */
function refusedStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => reject(new Error('upgrade should have been refused')));
    ws.once('error', () => undefined);
  });
}

const texts = (sets: ActivitySet[]): (string | undefined)[] => sets.flatMap((s) => s.activities.map((a) => a.text));

describe('embedded Direct Line: WebSocket stream', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('sends the welcome already in the history, then the echo and the reply as they happen', async () => {
    const conversation = await startConversation(t.baseUrl);
    await waitFor(async () => ((await activitiesSince(t.baseUrl, conversation)).activities.length ? true : undefined));
    const { ws, sets } = await openStream(conversation.streamUrl);
    try {
      await waitFor(() => (sets.length >= 1 ? true : undefined));
      expect(texts(sets)).toEqual(['Hello, I am the test bot. How can I help?']);

      await call(t.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
        token: conversation.token,
        body: { type: 'message', text: 'hello', channelData: { clientActivityID: 'c1' } },
      });
      await waitFor(() => (texts(sets).length >= 3 ? true : undefined));
      expect(texts(sets)).toEqual(['Hello, I am the test bot. How can I help?', 'hello', 'You said: hello']);
      expect(sets.map((s) => Number(s.watermark))).toEqual([1, 2, 3]);
    } finally {
      ws.close();
    }
  });

  it('refuses a stream ticket twice, so a leaked streamUrl cannot be replayed', async () => {
    const conversation = await startConversation(t.baseUrl);
    const { ws } = await openStream(conversation.streamUrl);
    ws.close();
    expect(await refusedStatus(conversation.streamUrl)).toBe(403);
  });

  it('refuses a ticket used on another conversation, and an unknown ticket', async () => {
    const mine = await startConversation(t.baseUrl);
    const theirs = await startConversation(t.baseUrl);
    const ticket = new URL(mine.streamUrl).searchParams.get('t');
    const wrongConversation = theirs.streamUrl.replace(/t=[^&]+/, `t=${ticket}`);
    expect(await refusedStatus(wrongConversation)).toBe(403);
    expect(await refusedStatus(mine.streamUrl.replace(/t=[^&]+/, 't=nope'))).toBe(403);
  });

  it('after a reconnect sends only what came after the watermark', async () => {
    const conversation = await startConversation(t.baseUrl);
    await waitFor(async () => ((await activitiesSince(t.baseUrl, conversation)).activities.length ? true : undefined));
    const reconnect = await call(t.baseUrl, 'GET', `/v3/directline/conversations/${conversation.conversationId}?watermark=1`, {
      token: conversation.token,
    });
    const { ws, sets } = await openStream(String(reconnect.body.streamUrl));
    try {
      await call(t.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
        token: conversation.token,
        body: { type: 'message', text: 'again' },
      });
      await waitFor(() => (texts(sets).length >= 2 ? true : undefined));
      expect(texts(sets)).toEqual(['again', 'You said: again']);
    } finally {
      ws.close();
    }
  });

  it('re-sends an activity the bot updated, with the same id', async () => {
    const conversation = await startConversation(t.baseUrl);
    const { ws, sets } = await openStream(conversation.streamUrl);
    try {
      await waitFor(() => (sets.length >= 1 ? true : undefined));
      const welcome = sets[0].activities[0];
      const updated = await call(t.baseUrl, 'PUT', `/v3/conversations/${conversation.conversationId}/activities/${encodeURIComponent(welcome.id)}`, {
        body: { type: 'message', text: 'Hello again' },
      });
      expect(updated.status).toBe(200);
      await waitFor(() => (sets.length >= 2 ? true : undefined));
      expect(sets[1].activities[0]).toMatchObject({ id: welcome.id, text: 'Hello again' });
    } finally {
      ws.close();
    }
  });

  it('closes the streams of a conversation when it expires and is swept', async () => {
    let now = Date.UTC(2025, 0, 1);
    await t.close();
    t = await startTestServer({ clock: () => now, ttlMs: 60_000 });
    const conversation = await startConversation(t.baseUrl);
    const { ws } = await openStream(conversation.streamUrl);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    now += 60_000;
    expect(await t.directLine.sweep()).toBe(1);
    expect(await closed).toBe(1000);
  });
});
