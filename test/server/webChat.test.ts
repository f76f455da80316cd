import { Writable } from 'node:stream';
import pino from 'pino';
import { createServer, webChat, type BotServer, type TurnProcessor, type WebChatSettings } from '../../src/server';
import { activitiesSince, call, startConversation } from '../directline/support/testServer';
import { waitFor } from '../support/waitFor';

const CONTACTS = { emergency_number: '112', poison_control_number: '0800 000 000', crisis_line: '116 123' };

/** An adapter whose every turn fails with 500, as a bot that crashed outside onTurnError would. */
const failingAdapter: TurnProcessor = {
  processTurn: () => Promise.reject(new Error('the bot crashed')),
};

/** Log lines as parsed JSON, to check what the extension warned about. */
function captureLogs(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

async function startWith(
  settings: Partial<WebChatSettings> = {},
  logger: pino.Logger = pino({ level: 'silent' }),
): Promise<{ server: BotServer; baseUrl: string }> {
  const server = createServer({
    adapter: failingAdapter,
    bot: { run: async () => undefined },
    logger,
    health: { contentVersion: 'test-1', mode: settings.mode ?? 'local' },
    bodyLimitBytes: 4096,
    failSafeText: 'Something went wrong. In an emergency call 112.',
    extensions: [webChat({ contacts: CONTACTS, mode: 'local', ...settings })],
  });
  const { port } = await server.listen(0, '127.0.0.1');
  return { server, baseUrl: `http://127.0.0.1:${port}` };
}

describe('web chat extension', () => {
  it("shows the bot's error message with the emergency number when a turn fails", async () => {
    const app = await startWith();
    try {
      const conversation = await startConversation(app.baseUrl);
      await call(app.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
        token: conversation.token,
        body: { type: 'message', text: 'I feel very sleepy' },
      });
      const failures = await waitFor(async () => {
        const { activities } = await activitiesSince(app.baseUrl, conversation);
        const found = activities.filter((a) => (a.channelData as { replyId?: string } | undefined)?.replyId === 'bot_unavailable');
        return found.length === 2 ? found : undefined;
      });
      for (const failure of failures) expect(String(failure.text)).toContain('call 112 now');
    } finally {
      await app.server.close();
    }
  });
});

describe('web chat extension: which Direct Line is offered', () => {
  const AZURE = 'https://directline.botframework.com/v3/directline';

  it('in azure mode without DIRECT_LINE_SECRET offers no Direct Line, warns once, and still serves the page with its banner', async () => {
    const logs = captureLogs();
    const app = await startWith({ mode: 'azure' }, logs.logger);
    try {
      expect((await call(app.baseUrl, 'POST', '/api/directline/token')).status).toBe(404);
      expect((await call(app.baseUrl, 'POST', '/v3/directline/conversations')).status).toBe(404);
      const page = await fetch(`${app.baseUrl}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('In an emergency call <a href="tel:112">112</a>');
      // start.js rejects on the 404 above, and page.js then says the chat could not start in this element.
      expect(html).toContain('id="chat-status"');
      expect(logs.lines.filter((line) => line.code === 'web_chat_needs_direct_line_secret')).toHaveLength(1);
    } finally {
      await app.server.close();
    }
  });

  it('with DIRECT_LINE_SECRET offers only the token endpoint that exchanges it at Azure', async () => {
    const realFetch = globalThis.fetch;
    const azure = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (!String(input).startsWith(AZURE)) return realFetch(input, init);
      return new Response(JSON.stringify({ conversationId: 'azure-conv', token: 'azure.token', expires_in: 3600 }), { status: 200 });
    });
    const app = await startWith({ mode: 'azure', directLineSecret: 'secret-value' });
    try {
      const token = await call(app.baseUrl, 'POST', '/api/directline/token');
      expect(token.body).toEqual({ token: 'azure.token', conversationId: 'azure-conv', expires_in: 3600, domain: AZURE });
      expect((await call(app.baseUrl, 'POST', '/v3/directline/conversations')).status).toBe(404);
      expect((await call(app.baseUrl, 'GET', '/v3/conversations/x/members')).status).toBe(404);
      const csp = (await fetch(`${app.baseUrl}/`)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain('https://directline.botframework.com');
    } finally {
      azure.mockRestore();
      await app.server.close();
    }
  });

  it('in local mode without a secret offers the embedded Direct Line and its token endpoint', async () => {
    const app = await startWith({ mode: 'local' });
    try {
      const conversation = await startConversation(app.baseUrl);
      expect(conversation.conversationId).not.toBe('undefined');
      expect(conversation.streamUrl).toMatch(/^ws:\/\//);
    } finally {
      await app.server.close();
    }
  });
});
