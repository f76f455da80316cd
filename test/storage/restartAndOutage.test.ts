import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type RunningBot } from '../e2e/botHarness';
import { lastTriage, type BotReply } from '../e2e/emulatorClient';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from './support/postgres';
import { TcpProxy } from './support/tcpProxy';

/** Conversations that survive a restart, and a bot that keeps triaging while its database is away. */

const replyIds = (replies: readonly BotReply[]) => replies.map((r) => r.channelData?.replyId);

describe('restart on the embedded database', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'bot-data-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('continues a conversation in the middle of a triage after the bot is stopped and started again', async () => {
    const env = { STORAGE: 'pglite', DATA_DIR: dataDir };
    const first = await startBot(env);
    const conversation = first.client.conversation('restart-conv', 'restart-user');
    await conversation.join();
    const asked = await conversation.say('I feel dizzy since my dose went up');
    const question = asked.replies.at(-1)?.channelData?.questionId;
    expect(question).toBeDefined();
    await first.close();

    const second = await startBot(env);
    try {
      const resumed = second.client.conversation('restart-conv', 'restart-user');
      const answered = await resumed.press({ type: 'imBack', title: 'No', value: 'No' });
      expect(answered.status).toBe(200);
      // The answer is taken as the answer to the question asked before the restart: no welcome, no "not understood".
      expect(replyIds(answered.replies)).not.toContain('welcome');
      expect(replyIds(answered.replies)).not.toContain('content_updated');
      expect(replyIds(answered.replies).some((id) => id?.startsWith('not_understood'))).toBe(false);
      expect(answered.replies.at(-1)?.channelData?.questionId).not.toBe(question);
    } finally {
      await second.close();
    }
  }, 120_000);
});

describe('the database stops in the middle of a conversation', () => {
  let schema: TestSchema;
  let proxy: TcpProxy;
  let bot: RunningBot;

  beforeAll(async () => {
    schema = await createTestSchema();
    const target = new URL(TEST_DATABASE_URL);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(schema.url);
    viaProxy.port = String(proxy.port);
    bot = await startBot({ STORAGE: 'postgres', DATABASE_URL: viaProxy.toString() });
  }, 60_000);

  afterAll(async () => {
    await bot?.close();
    await proxy?.close();
    await schema?.drop();
  });

  it('still triages every message, emergency advice included, logs a clear error, reports not ready, and recovers', async () => {
    const conversation = bot.client.conversation('outage-conv', 'outage-user');
    await conversation.join();
    await conversation.say('I feel dizzy');
    expect((await fetch(`${bot.baseUrl}/readyz`)).status).toBe(200);

    proxy.down();
    const emergency = await conversation.say('he has collapsed and is not breathing');
    expect(emergency.status).toBe(200);
    expect(lastTriage(emergency.replies)?.level).toBe('emergency');
    expect(emergency.replies.map((r) => r.text ?? r.summary ?? '').join(' ')).toContain('911');
    expect(bot.logOutput()).toMatch(/storage_unavailable|conversation_lock_unavailable/);
    const ready = await fetch(`${bot.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not_ready', storage: 'postgres', database: 'unavailable' });
    const health = await fetch(`${bot.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ storage: 'postgres', database: 'unavailable' });

    proxy.restore();
    expect((await fetch(`${bot.baseUrl}/readyz`)).status).toBe(200);
    const after = await conversation.say('I feel dizzy');
    expect(after.status).toBe(200);
    const [row] = await schema.query<{ n: number }>('SELECT count(*)::int AS n FROM bot_state WHERE key = $1', ['emulator/conversations/outage-conv/']);
    expect(row?.n).toBe(1);
  }, 60_000);
});
