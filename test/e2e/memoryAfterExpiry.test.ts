import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TurnClient, type TurnSample } from '../../scripts/load/conversations';
import { parseSettings } from '../../src/config';
import { buildApp, type App } from '../../src/index';
import { createLogger } from '../../src/logging';

/**
 * 10,000 one-message conversations on memory storage, then the clock moved past their time to live:
 * their state is released, so memory goes back to where it was. Entry counts are the assertion;
 * heap figures are printed (a heap is too noisy to assert on a shared machine).
 */

const CONVERSATIONS = 10_000;
const CONCURRENT = 8;
const HOUR_MS = 3_600_000;
const MESSAGES = ['I feel dizzy and sleepy', 'hello', 'can I drink alcohol with baclofen?', "I'm a bit nauseous on baclofen"];

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapMb(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

describe('memory after many short conversations', () => {
  let app: App;
  let messagesUrl: URL;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    const parsed = parseSettings({ STORAGE: 'memory', LOG_LEVEL: 'warn', CONVERSATION_TTL_HOURS: '1' });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const logger = createLogger({ level: 'warn', logPatientText: false, destination: new Writable({ write: (_chunk, _encoding, done) => done() }) });
    app = buildApp(parsed.settings, logger, { now: () => new Date(Date.now() + clockOffsetMs) });
    const { port } = await app.server.listen(0, '127.0.0.1');
    messagesUrl = new URL(`http://127.0.0.1:${port}/api/messages`);
  });
  afterAll(async () => {
    await app.server.close();
  });

  /**
   * `count` new conversations of one message each, `CONCURRENT` at a time; returns how many were
   * answered. Connections of its own: one left idle across a pause could meet the server's keep-alive timeout.
   */
  async function oneMessageConversations(count: number): Promise<number> {
    const client = new TurnClient(messagesUrl, CONCURRENT);
    const samples: TurnSample[] = [];
    let next = 0;
    const sender = async (): Promise<void> => {
      while (next < count) {
        const i = next++;
        const id = `memory-${randomUUID()}`;
        await client.post(
          {
            type: 'message',
            id: randomUUID(),
            channelId: 'emulator',
            serviceUrl: 'http://127.0.0.1:9',
            conversation: { id },
            from: { id: `user-${id.slice(7, 15)}` },
            recipient: { id: 'bot' },
            text: MESSAGES[i % MESSAGES.length],
            locale: 'en-US',
          },
          samples,
        );
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENT }, sender));
    } finally {
      client.close();
    }
    return samples.filter((sample) => sample.ok).length;
  }

  it('releases the state of 10,000 conversations once they expire', async () => {
    // Warm up (compiled code, caches), then expire the warm-up's conversations, so the baseline is a bot at rest.
    await oneMessageConversations(200);
    clockOffsetMs += HOUR_MS + 60_000;
    await oneMessageConversations(1);
    expect(await app.storage.conversationCount()).toBe(1);
    const baseline = heapMb();

    expect(await oneMessageConversations(CONVERSATIONS)).toBe(CONVERSATIONS);
    expect(await app.storage.conversationCount()).toBe(CONVERSATIONS + 1);
    const full = heapMb();

    // An hour and a minute later, one new conversation: the idle ones are gone with its first write.
    clockOffsetMs += HOUR_MS + 60_000;
    expect(await oneMessageConversations(1)).toBe(1);
    expect(await app.storage.conversationCount()).toBe(1);
    const released = heapMb();

    // The audit trail is a record kept for AUDIT_RETENTION_DAYS, not conversation state: one row per disposition given.
    const auditRows = (await app.audit.list({})).length;
    console.log(
      `heap used: ${baseline.toFixed(1)} MB at rest, ${full.toFixed(1)} MB with ${CONVERSATIONS} conversations, ${released.toFixed(1)} MB after they expired (${auditRows} audit rows kept)`,
    );
  }, 300_000);
});
