import pino from 'pino';
import { createServer, webChat, type BotServer, type TurnProcessor, type WebChatSettings } from '../../src/server';
import { activitiesSince, call, startConversation } from '../directline/support/testServer';
import { waitFor } from '../support/waitFor';

const CONTACTS = { emergency_number: '112', poison_control_number: '0800 000 000', crisis_line: '116 123' };

/** An adapter whose every turn fails with 500, as a bot that crashed outside onTurnError would. */
const failingAdapter: TurnProcessor = {
  process: async (_req, res) => {
    res.send(500);
  },
};

async function startWith(settings: Partial<WebChatSettings> = {}): Promise<{ server: BotServer; baseUrl: string }> {
  const server = createServer({
    adapter: failingAdapter,
    bot: { run: async () => undefined },
    logger: pino({ level: 'silent' }),
    health: { contentVersion: 'test-1', mode: settings.mode ?? 'local' },
    bodyLimitBytes: 4096,
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
