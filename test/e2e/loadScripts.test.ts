import { runConversation, SCRIPTS, TurnClient, type TurnSample } from '../../scripts/load/conversations';
import { startBot, type RunningBot } from './botHarness';

/** The conversations `npm run load` drives, checked once each against the real bot: each ends on its level. */
describe('npm run load scripts', () => {
  let bot: RunningBot;
  let client: TurnClient;
  beforeAll(async () => {
    bot = await startBot({ LOG_LEVEL: 'warn' });
    client = new TurnClient(new URL(bot.messagesUrl), 2);
  });
  afterAll(async () => {
    client.close();
    await bot.close();
  });

  it.each(SCRIPTS.map((script) => [script.name, script] as const))('%s ends on its expected level, every turn answered', async (_name, script) => {
    const samples: TurnSample[] = [];
    await expect(runConversation(client, script, 'triage', samples)).resolves.toEqual({ ok: true, level: script.expect });
    expect(samples.length).toBeGreaterThan(1);
    expect(samples.every((sample) => sample.ok)).toBe(true);
  });
});
