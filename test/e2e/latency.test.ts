import { startBot, type RunningBot } from './botHarness';
import { measureTurnLatency } from './measure';

/**
 * Per-turn latency over HTTP, printed for the record (`npm run bench:bot` prints more). Timings are
 * not asserted: a busy CI machine must not fail the build. Only correctness is.
 */
describe('per-turn latency over HTTP', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('runs a few hundred turns, every one answered 200, and prints median and p99', async () => {
    const figures = await measureTurnLatency(bot, 300);
    console.log(
      `HTTP turn latency over ${figures.turns} turns: median ${figures.medianMs.toFixed(1)} ms, p90 ${figures.p90Ms.toFixed(1)} ms, p99 ${figures.p99Ms.toFixed(1)} ms, max ${figures.maxMs.toFixed(1)} ms`,
    );
    expect(figures.failedTurns).toBe(0);
  }, 120_000);
});
