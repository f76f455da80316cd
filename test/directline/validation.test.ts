import type { DirectLineLogger } from '../../src/directline';
import { hashId } from '../../src/logging';
import { waitFor } from '../support/waitFor';
import { activitiesSince, call, startConversation, startTestServer, type TestServer } from './support/testServer';

function recordingLogger(): DirectLineLogger & { lines: { level: string; fields: Record<string, unknown>; message?: string }[] } {
  const lines: { level: string; fields: Record<string, unknown>; message?: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message?: string) => lines.push({ level, fields, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

describe('embedded Direct Line: untrusted activity bodies', () => {
  let t: TestServer;
  let conversation: { token: string; conversationId: string };
  let logger: ReturnType<typeof recordingLogger>;
  beforeEach(async () => {
    logger = recordingLogger();
    t = await startTestServer({ logger, maxUserActivityBytes: 2048 });
    conversation = await startConversation(t.baseUrl);
  });
  afterEach(async () => {
    await t.close();
  });

  const post = (options: { body?: unknown; rawBody?: string }) =>
    call(t.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, { token: conversation.token, ...options });

  it.each([
    ['a body that is not JSON', { rawBody: '{"type": "message", ' }, 'invalid_json'],
    ['an empty body', { rawBody: '' }, 'missing_activity'],
    ['an unknown activity type', { body: { type: 'deleteUserData' } }, 'invalid_activity'],
    ['a missing type', { body: { text: 'hi' } }, 'invalid_activity'],
    ['text that is not a string', { body: { type: 'message', text: { $gt: '' } } }, 'invalid_activity'],
    ['channelData that is not an object', { body: { type: 'message', channelData: 'x' } }, 'invalid_activity'],
    ['a JSON array', { body: [{ type: 'message' }] }, 'invalid_activity'],
  ])('rejects %s with 400', async (_name, options, code) => {
    const response = await post(options);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code } });
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await post({ body: { type: 'message', text: 'x'.repeat(3000) } });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: { code: 'body_too_large' } });
  });

  it('drops fields the page may not set', async () => {
    const posted = await post({ body: { type: 'message', text: 'hi', serviceUrl: 'http://evil.example', recipient: { id: 'other-bot' }, timestamp: 'then' } });
    expect(posted.status).toBe(200);
    const toBot = await waitFor(() => t.received.find((a) => a.type === 'message'));
    expect(toBot.serviceUrl).toBe(t.baseUrl);
    expect(toBot.recipient).toMatchObject({ id: 'bot' });
  });

  it('logs a failed bot turn with ids and status, never the message text', async () => {
    await post({ body: { type: 'message', text: 'boom' } });
    const failure = await waitFor(() => logger.lines.find((l) => l.message === 'bot_turn_failed'));
    expect(failure).toMatchObject({ level: 'error', fields: { status: 500, conversation: hashId(conversation.conversationId), activityType: 'message' } });
    expect(JSON.stringify(logger.lines)).not.toContain('boom');
  });

  it('logs an unreachable bot without failing the page', async () => {
    await t.close();
    logger = recordingLogger();
    t = await startTestServer({ logger, botEndpoint: () => 'http://127.0.0.1:9/api/messages' });
    conversation = await startConversation(t.baseUrl);
    const posted = await post({ body: { type: 'message', text: 'hello' } });
    expect(posted.status).toBe(200);
    await waitFor(() => logger.lines.find((l) => l.message === 'bot_unreachable'));
    expect((await activitiesSince(t.baseUrl, conversation)).activities.map((a) => a.text)).toEqual(['hello']);
  });

  it('rejects a bot activity without a type with 400', async () => {
    const response = await call(t.baseUrl, 'POST', `/v3/conversations/${conversation.conversationId}/activities`, { body: { text: 'no type' } });
    expect(response.status).toBe(400);
  });
});
