import { Writable } from 'node:stream';
import { WebSocket } from 'ws';
import { createLogger, hashActivityId, hashId } from '../../src/logging';
import { waitFor } from '../support/waitFor';
import { activitiesSince, call, startConversation, startTestServer, type TestServer } from './support/testServer';

/** The production logger, writing to memory. */
function capturedLogger(): { logger: ReturnType<typeof createLogger>; output: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createLogger({ level: 'info', logPatientText: false, destination: stream }), output: () => chunks.join('') };
}

describe('embedded Direct Line logs', () => {
  let t: TestServer;
  afterEach(async () => {
    await t.close();
  });

  it('never contain a raw conversation id: conversations and activities are hashed as the bot logs them', async () => {
    const log = capturedLogger();
    t = await startTestServer({ logger: log.logger });
    const conversation = await startConversation(t.baseUrl);
    const ws = new WebSocket(conversation.streamUrl);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    for (const text of ['hello', 'boom']) {
      await call(t.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
        token: conversation.token,
        body: { type: 'message', text },
      });
    }
    await waitFor(() => log.output().includes('bot_turn_failed'));
    ws.close();

    const output = log.output();
    for (const message of ['conversation_started', 'stream_opened', 'user_activity', 'bot_activity', 'bot_turn_failed']) {
      expect(output).toContain(`"msg":"${message}"`);
    }
    expect(output).not.toContain(conversation.conversationId);
    expect(output).toContain(`"conversation":"${hashId(conversation.conversationId)}"`);
    const userMessage = (await activitiesSince(t.baseUrl, conversation)).activities.find((a) => a.text === 'hello');
    expect(output).toContain(`"activityId":"${hashActivityId(String(userMessage?.id))}"`);
  });
});
