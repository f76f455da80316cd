/**
 * `npm run bench:bot`: the bot's figures for the record. Per-turn latency over HTTP (the Emulator's
 * way, replies delivered to a serviceUrl) over many turns, and start-up time of `npm start` to a
 * healthy /healthz. Usage: npm run bench:bot [-- --turns 1000 --starts 3]
 */
import { startBot } from './botHarness';
import { measureStartup, measureTurnLatency, percentile } from './measure';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const turns = option('turns', 1000);
  const starts = option('starts', 3);

  const bot = await startBot({ LOG_LEVEL: 'warn' });
  try {
    const f = await measureTurnLatency(bot, turns);
    console.log(`HTTP turn latency, ${f.turns} turns: median ${f.medianMs.toFixed(1)} ms · p90 ${f.p90Ms.toFixed(1)} ms · p99 ${f.p99Ms.toFixed(1)} ms · max ${f.maxMs.toFixed(1)} ms`);
    if (f.failedTurns > 0) throw new Error(`bench: ${f.failedTurns} of ${f.turns} turns did not answer 200`);
  } finally {
    await bot.close();
  }

  const healthy: number[] = [];
  for (let i = 0; i < starts; i += 1) healthy.push((await measureStartup(['npm', 'start'])).healthyMs);
  healthy.sort((a, b) => a - b);
  console.log(`npm start to a healthy /healthz, ${starts} runs: median ${percentile(healthy, 0.5).toFixed(0)} ms · min ${healthy[0]?.toFixed(0)} ms · max ${healthy.at(-1)?.toFixed(0)} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
