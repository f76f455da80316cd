import { readFileSync } from 'node:fs';
import { parseVignettes } from '../../src/triage/vignettes';
import { converse, startBot, type RunningBot } from '../e2e/botHarness';
import { lastTriage } from '../e2e/emulatorClient';
import { vignetteSuites } from '../support/vignettes';
import { converseAcross, repliesOf } from './support/across';
import { createTestSchema, type TestSchema } from './support/postgres';

/** Two bot instances on one real PostgreSQL database, as behind a load balancer. */

const CONVERSATIONS = Number(process.env['TWO_N'] ?? 50);

describe('two instances on one PostgreSQL database', () => {
  let schema: TestSchema;
  let a: RunningBot;
  let b: RunningBot;
  let reference: RunningBot;

  beforeAll(async () => {
    schema = await createTestSchema();
    const env = { STORAGE: 'postgres', DATABASE_URL: schema.url, LOG_LEVEL: 'info' };
    [a, b, reference] = await Promise.all([startBot(env), startBot(env), startBot({ STORAGE: 'memory', LOG_LEVEL: 'warn' })]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a, b, reference].map((bot) => bot?.close()));
    await schema.drop();
  });

  it(`takes ${CONVERSATIONS} conversations whose turns alternate between the instances to the same disposition as one instance`, async () => {
    const vignettes = vignetteSuites()
      .flatMap(([, file]) => parseVignettes(readFileSync(file, 'utf8'), file))
      .slice(0, CONVERSATIONS);
    expect(vignettes).toHaveLength(CONVERSATIONS);
    const started = performance.now();
    const results = await Promise.all(
      vignettes.map(async (vignette, i) => {
        const id = `two-${schema.name}-${i}`;
        const sides = i % 2 === 0 ? [a.client.conversation(id, `u${i}`), b.client.conversation(id, `u${i}`)] : [b.client.conversation(id, `u${i}`), a.client.conversation(id, `u${i}`)];
        await sides[0]!.join();
        const turns = await converseAcross(sides, vignette.turns);
        const expected = lastTriage(await converse(reference.client.conversation(), vignette.turns))?.level;
        return { id: vignette.id, level: lastTriage(repliesOf(turns))?.level, expected, statuses: turns.map((t) => t.status), errors: repliesOf(turns).filter((r) => r.channelData?.replyId === 'error').length };
      }),
    );
    const turns = results.reduce((sum, r) => sum + r.statuses.length, 0);
    console.log(`two instances: ${CONVERSATIONS} conversations, ${turns} turns alternating, ${(performance.now() - started).toFixed(0)} ms; mismatches ${results.filter((r) => r.level !== r.expected).length}`);
    expect(results.filter((r) => r.level !== r.expected)).toEqual([]);
    expect(results.flatMap((r) => r.statuses).every((s) => s === 200)).toBe(true);
    expect(results.reduce((sum, r) => sum + r.errors, 0)).toBe(0);
    expect(a.logOutput() + b.logOutput()).not.toMatch(/state_conflict|turn failed|audit_write_failed|storage_unavailable|lock_unavailable/);
  }, 240_000);

  it('answers two messages of one conversation sent at the same instant to the two instances, in order, losing neither', async () => {
    const id = `same-instant-${schema.name}`;
    const onA = a.client.conversation(id, 'same-user');
    const onB = b.client.conversation(id, 'same-user');
    await onA.join();
    const [first, second] = await Promise.all([onA.say('I feel dizzy'), onB.say('I feel very sleepy')]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.replies.length).toBeGreaterThan(0);
    expect(second.replies.length).toBeGreaterThan(0);
    expect([...first.replies, ...second.replies].some((r) => r.channelData?.replyId === 'error')).toBe(false);
    // Both turns are in the stored conversation: each saw the other's write (no last-writer-wins).
    const [row] = await schema.query<{ doc: { session: { case: { reported: { findings: Array<{ id: string; status: string }> } } } } }>(
      'SELECT doc FROM bot_state WHERE key = $1',
      [`emulator/conversations/${id}/`],
    );
    const present = (row?.doc.session.case.reported.findings ?? []).filter((f) => f.status === 'present').map((f) => f.id);
    expect(present.sort()).toEqual(['dizziness', 'drowsiness']);
  }, 60_000);
});
