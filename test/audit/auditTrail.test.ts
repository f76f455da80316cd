import { readFileSync } from 'node:fs';
import { parseVignettes } from '../../src/triage/vignettes';
import { converse, startBot, type RunningBot } from '../e2e/botHarness';
import { vignetteSuites } from '../support/vignettes';
import { createTestSchema, type TestSchema } from '../storage/support/postgres';
import { hashId } from '../../src/logging';

/** The audit trail on a real PostgreSQL database: a row per disposition, retention, and forget me. */

describe('audit trail', () => {
  let schema: TestSchema;
  let bot: RunningBot;

  beforeAll(async () => {
    schema = await createTestSchema();
    bot = await startBot({ STORAGE: 'postgres', DATABASE_URL: schema.url });
  }, 60_000);

  afterAll(async () => {
    await bot?.close();
    await schema?.drop();
  });

  it('records every disposition of the vignette run, with findings, rules and questions, and no patient text', async () => {
    const vignettes = vignetteSuites().flatMap(([, file]) => parseVignettes(readFileSync(file, 'utf8'), file)).slice(0, 40);
    let dispositions = 0;
    for (const vignette of vignettes) {
      const conversation = bot.client.conversation();
      await conversation.join();
      const replies = await converse(conversation, vignette.turns);
      dispositions += replies.filter((r) => typeof (r.channelData as { dispositionId?: unknown } | undefined)?.dispositionId === 'string').length;
    }
    const rows = await schema.query<{ level: string; findings: string[]; rules: string[]; asked: unknown[]; patient_text: string | null; conversation_hash: string }>('SELECT * FROM audit_events');
    expect(rows).toHaveLength(dispositions);
    expect(rows.every((r) => r.patient_text === null && /^[0-9a-f]{12}$/.test(r.conversation_hash) && r.rules.length > 0)).toBe(true);
    expect(rows.some((r) => r.asked.length > 0)).toBe(true);
  }, 180_000);

  it('forget me deletes the conversation state and strips identifying fields from its audit rows', async () => {
    const conversation = bot.client.conversation('forget-conv', 'forget-user');
    await conversation.join();
    await converse(conversation, ['my husband just collapsed']);
    const key = 'emulator/conversations/forget-conv/';
    expect(await schema.query('SELECT key FROM bot_state WHERE key = $1', [key])).toHaveLength(1);
    const forgotten = await conversation.say('Forget me');
    expect(forgotten.replies.map((r) => r.channelData?.replyId)).toEqual(['forgotten']);
    expect(forgotten.replies[0]?.text).toContain('911');
    expect(await schema.query('SELECT key FROM bot_state WHERE key = $1', [key])).toHaveLength(0);
    expect(await schema.query('SELECT 1 FROM audit_events WHERE conversation_hash = $1 OR user_hash = $2', [hashId('forget-conv'), hashId('forget-user')])).toHaveLength(0);
    expect((await schema.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE conversation_hash IS NULL AND level = 'emergency'"))[0]?.n).toBeGreaterThan(0);
  }, 60_000);
});
