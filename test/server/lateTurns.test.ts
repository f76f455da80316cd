import { ActivityHandler } from 'botbuilder';
import pino from 'pino';
import { parseSettings } from '../../src/config';
import { createAdapter, createServer, type BotServer } from '../../src/server';
import { LateTurns } from '../../src/server/lateTurns';
import { EmulatorClient, textOf } from '../e2e/emulatorClient';

/**
 * The bot is built after the server listens (botbuilder takes about a second to load): health is
 * answered meanwhile, readiness waits for it, and a message that comes first waits and is answered.
 */

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const settings = (() => {
  const result = parseSettings({});
  if (!result.ok) throw new Error(result.error.message);
  return result.settings;
})();

describe('a bot still being built', () => {
  let server: BotServer;
  let client: EmulatorClient;
  let baseUrl: string;
  let finishBuild: (fail?: Error) => void;
  let turns: LateTurns;

  beforeEach(async () => {
    const built = new Promise<void>((resolve, reject) => {
      finishBuild = (fail) => (fail ? reject(fail) : resolve());
    });
    turns = new LateTurns(async () => {
      await built;
      return { adapter: createAdapter(settings), bot: new EchoBot() };
    });
    server = createServer({
      adapter: turns,
      bot: turns,
      logger: pino({ level: 'silent' }),
      health: { contentVersion: 'test-1', mode: settings.mode, turns: () => turns.status },
      bodyLimitBytes: settings.bodyLimitBytes,
      failSafeText: 'Sorry, something went wrong. If someone cannot breathe, call 911 now.',
    });
    const { port } = await server.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${port}`;
    client = await EmulatorClient.start(`${baseUrl}/api/messages`);
  });

  afterEach(async () => {
    finishBuild();
    await server.close();
    await client.close();
  });

  it('is alive but not ready until it is built, then ready', async () => {
    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', bot: 'starting' });
    const notReady = await fetch(`${baseUrl}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'not_ready', bot: 'starting' });

    finishBuild();
    await turns.start();
    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', bot: 'ready' });
  });

  it('answers a message that arrives before it is built, once it is', async () => {
    const conversation = client.conversation();
    const answered = conversation.say('hello');
    let settled = false;
    void answered.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);

    finishBuild();
    const turn = await answered;
    expect(turn.status).toBe(200);
    expect(textOf(turn.replies)).toBe('echo: hello');
  });

  it('stays not ready, and refuses turns with 500, when the build fails', async () => {
    finishBuild(new Error('wiring bug'));
    await expect(turns.start()).rejects.toThrow('wiring bug');
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(503);
    expect(await (await fetch(`${baseUrl}/healthz`)).json()).toMatchObject({ bot: 'failed' });
    const turn = await client.conversation().say('hello');
    expect(turn.status).toBe(500);
  });
});
