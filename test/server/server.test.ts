import { ActivityHandler } from 'botbuilder';
import pino from 'pino';
import { parseSettings, type Settings } from '../../src/config';
import { createAdapter, createServer, type BotServer, type ServerExtension } from '../../src/server';
import { EmulatorClient, textOf } from '../e2e/emulatorClient';
import { waitFor } from '../support/waitFor';

/** A tiny bot: echoes text, or waits when asked to, so the server can be tested without the real one. */
class EchoBot extends ActivityHandler {
  constructor(private readonly gate: { wait?: Promise<void> } = {}) {
    super();
    this.onMessage(async (context, next) => {
      if (context.activity.text === 'slow' && this.gate.wait) await this.gate.wait;
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const silent = pino({ level: 'silent' });
const FAIL_SAFE = 'Sorry, something went wrong. If someone cannot breathe, call 911 now.';

function settingsFrom(env: Record<string, string>): Settings {
  const result = parseSettings(env);
  if (!result.ok) throw new Error(result.error.message);
  return result.settings;
}

interface Running {
  server: BotServer;
  client: EmulatorClient;
  baseUrl: string;
}

async function start(options: {
  env?: Record<string, string>;
  gate?: { wait?: Promise<void> };
  extensions?: ServerExtension[];
  shutdownTimeoutMs?: number;
} = {}): Promise<Running> {
  const settings = settingsFrom({ BODY_LIMIT_BYTES: '4096', ...options.env });
  const adapter = createAdapter(settings);
  const server = createServer({
    adapter,
    bot: new EchoBot(options.gate),
    logger: silent,
    health: { contentVersion: 'test-1', mode: settings.mode },
    bodyLimitBytes: settings.bodyLimitBytes,
    failSafeText: FAIL_SAFE,
    extensions: options.extensions ?? [],
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5000,
  });
  const { port } = await server.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  const client = await EmulatorClient.start(`${baseUrl}/api/messages`);
  return { server, client, baseUrl };
}

describe('server', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => {
    await running.server.close();
    await running.client.close();
  });

  it('answers GET /healthz with status, content version, uptime and mode', async () => {
    const response = await fetch(`${running.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', contentVersion: 'test-1', uptimeSeconds: expect.any(Number), mode: 'local' });
  });

  it('runs a turn for an Emulator message and delivers the reply to the serviceUrl', async () => {
    const conversation = running.client.conversation();
    const turn = await conversation.say('hello');
    expect(turn.status).toBe(200);
    expect(textOf(turn.replies)).toBe('echo: hello');
    expect(turn.replies[0]?.replyToId).toBeDefined();
  });

  it('refuses invalid JSON with 400 and a message that does not quote the body', async () => {
    const result = await running.client.postRaw('{"type":"message","text":"my secret symptom"');
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).not.toContain('secret');
  });

  it('refuses a body over the limit with 413', async () => {
    const conversation = running.client.conversation();
    const result = await running.client.post({ ...conversation.envelope('message'), text: 'x'.repeat(8000) });
    expect(result.status).toBe(413);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const result = await running.client.postRaw('hello', { 'content-type': 'text/plain' });
    expect(result.status).toBe(415);
    expect(result.body).toEqual({ error: { code: 'unsupported_media_type', message: expect.stringContaining('Content-Type: application/json') } });
  });

  it.each([
    ['no conversation', { conversation: undefined }, 'conversation'],
    ['no sender', { from: undefined }, 'from'],
    ['no type', { type: undefined }, 'type'],
    ['no serviceUrl', { serviceUrl: undefined }, 'serviceUrl'],
    ['a JSON array', null, '(body)'],
  ])('answers an activity with %s with 400 naming the field, and keeps serving', async (_name, override, field) => {
    const conversation = running.client.conversation();
    const body = override === null ? [1, 2] : { ...conversation.envelope('message'), text: 'hi', ...override };
    const result = await running.client.post(body);
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain(field);
    expect(textOf((await conversation.say('still there?')).replies)).toBe('echo: still there?');
  });

  it('handles a message without text (attachments only) and an unknown activity type', async () => {
    const conversation = running.client.conversation();
    const attachment = await conversation.send({ ...conversation.envelope('message'), attachments: [{ contentType: 'image/png', contentUrl: 'http://example.invalid/x.png' }] });
    expect(attachment.status).toBe(200);
    const odd = await conversation.send(conversation.envelope('somethingNew'));
    expect(odd.status).toBe(200);
  });
});

describe('a turn that throws', () => {
  it('answers 500 turn_failed, not a complaint about the activity', async () => {
    const server = createServer({
      adapter: { processTurn: () => Promise.reject(new Error('adapter exploded')) },
      bot: new EchoBot(),
      logger: silent,
      health: { contentVersion: 'test-1', mode: 'local' },
      bodyLimitBytes: 4096,
      failSafeText: FAIL_SAFE,
    });
    const { port } = await server.listen(0, '127.0.0.1');
    const client = await EmulatorClient.start(`http://127.0.0.1:${port}/api/messages`);
    try {
      const conversation = client.conversation();
      const result = await client.post({ ...conversation.envelope('message'), text: 'hello' });
      expect(result.status).toBe(500);
      expect(result.body).toMatchObject({ error: { code: 'turn_failed' } });
    } finally {
      await server.close();
      await client.close();
    }
  });
});

describe('server in azure mode', () => {
  const env = {
    MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000',
  };
  let running: Running;
  beforeAll(async () => {
    running = await start({ env });
  });
  afterAll(async () => {
    await running.server.close();
    await running.client.close();
  });

  it('reports mode azure on /healthz', async () => {
    expect(await (await fetch(`${running.baseUrl}/healthz`)).json()).toMatchObject({ mode: 'azure' });
  });

  it.each([
    ['no Authorization header', {}],
    ['a token that is not a JWT', { authorization: 'Bearer not-a-token' }],
  ])('answers a POST with %s with 401 and runs no turn', async (_name, headers) => {
    const conversation = running.client.conversation();
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const result = await running.client.post({ ...conversation.envelope('message'), text: 'hello' }, headers);
      expect(result.status).toBe(401);
    } finally {
      errors.mockRestore();
    }
    expect(conversation.transcript).toHaveLength(0);
  });
});

describe('shutdown', () => {
  it('stops accepting, lets a turn in flight finish, then closes extensions', async () => {
    let release: () => void = () => undefined;
    const gate = { wait: new Promise<void>((resolve) => (release = resolve)) };
    const closed: string[] = [];
    const extension: ServerExtension = {
      name: 'probe',
      register(server) {
        server.get('/probe', async (_req, res) => {
          res.send(200, { probe: true });
        });
        return { close: () => void closed.push('probe') };
      },
    };
    const running = await start({ gate, extensions: [extension] });
    expect(await (await fetch(`${running.baseUrl}/probe`)).json()).toEqual({ probe: true });

    const conversation = running.client.conversation();
    const slowTurn = conversation.say('slow');
    await waitFor(() => running.server.inFlight === 1, { timeoutMs: 2000, what: 'one turn in flight' });

    const closing = running.server.close();
    await expect(fetch(`${running.baseUrl}/healthz`)).rejects.toThrow();
    expect(closed).toEqual([]);

    release();
    const turn = await slowTurn;
    expect(turn.status).toBe(200);
    expect(textOf(turn.replies)).toBe('echo: slow');
    await expect(closing).resolves.toEqual({ drained: true, abandoned: 0 });
    expect(closed).toEqual(['probe']);
    await running.client.close();
  });

  it('gives up waiting after the timeout and says how many turns it abandoned', async () => {
    const gate = { wait: new Promise<void>(() => undefined) };
    const running = await start({ gate, shutdownTimeoutMs: 100 });
    const conversation = running.client.conversation();
    void conversation.say('slow').catch(() => undefined);
    await waitFor(() => running.server.inFlight === 1, { timeoutMs: 2000, what: 'one turn in flight' });
    await expect(running.server.close()).resolves.toEqual({ drained: false, abandoned: 1 });
    await running.client.close();
  });
});
