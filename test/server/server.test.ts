import { ActivityHandler } from 'botbuilder';
import { request as httpRequest } from 'node:http';
import pino from 'pino';
import { networkInterfaces } from 'node:os';
import { CALLER_ON_THIS_MACHINE } from '../../src/bot';
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

describe('where replies may go', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => {
    await running.server.close();
    await running.client.close();
  });

  it.each(['file:///etc/passwd', 'gopher://127.0.0.1:6379/_INFO', 'data:text/plain,hello', 'ftp://127.0.0.1/'])(
    'refuses a serviceUrl that is not http or https (%s) with 400',
    async (serviceUrl) => {
      const conversation = running.client.conversation();
      const result = await running.client.post({ ...conversation.envelope('message'), text: 'hi', serviceUrl });
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: { code: 'invalid_activity', message: expect.stringContaining('serviceUrl') } });
    },
  );

  it.each(['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.5:8080', 'https://example.com/', 'http://[fe80::1]/'])(
    'in local mode refuses to reply to a serviceUrl off this machine (%s), and sends nothing there',
    async (serviceUrl) => {
      const conversation = running.client.conversation();
      const result = await running.client.post({ ...conversation.envelope('message'), text: 'hi', serviceUrl });
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: { code: 'service_url_not_allowed' } });
    },
  );

  it.each(['http://localhost:1', 'http://127.0.0.2:9', 'http://[::1]:9'])('in local mode accepts a loopback serviceUrl (%s)', async (serviceUrl) => {
    const conversation = running.client.conversation();
    const result = await running.client.post({ ...conversation.envelope('message'), text: 'hi', serviceUrl, deliveryMode: 'expectReplies' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ activities: [{ text: 'echo: hi' }] });
  });

  it('tells the bot whether the caller is on this machine, for staff mode', async () => {
    const seen: unknown[] = [];
    const server = createServer({
      adapter: createAdapter(settingsFrom({})),
      bot: { run: async (context) => void seen.push(context.turnState.get(CALLER_ON_THIS_MACHINE)) },
      logger: silent,
      health: { contentVersion: 'test-1', mode: 'local' },
      bodyLimitBytes: 4096,
      failSafeText: FAIL_SAFE,
    });
    const { port } = await server.listen(0, '0.0.0.0');
    const client = await EmulatorClient.start(`http://127.0.0.1:${port}/api/messages`);
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
    try {
      await client.post({ ...client.conversation().envelope('message'), text: 'hi', deliveryMode: 'expectReplies' });
      expect(seen).toEqual([true]);
      if (lan !== undefined) {
        // The same request from this machine's network address is what a remote caller looks like.
        const remote = await fetch(`http://${lan}:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...client.conversation().envelope('message'), text: 'hi', deliveryMode: 'expectReplies' }),
        });
        expect(remote.status).toBe(200);
        expect(seen).toEqual([true, false]);
      }
    } finally {
      await server.close();
      await client.close();
    }
  });
});

describe('the adapter', () => {
  it('reuses one connector client for the turns of a channel instead of building an HTTP pipeline per turn', async () => {
    const clients: unknown[] = [];
    const adapter = createAdapter(settingsFrom({}));
    const server = createServer({
      adapter,
      bot: { run: async (context) => void clients.push(context.turnState.get(adapter.ConnectorClientKey)) },
      logger: silent,
      health: { contentVersion: 'test-1', mode: 'local' },
      bodyLimitBytes: 4096,
      failSafeText: FAIL_SAFE,
    });
    const { port } = await server.listen(0, '127.0.0.1');
    const client = await EmulatorClient.start(`http://127.0.0.1:${port}/api/messages`);
    try {
      for (const text of ['one', 'two', 'three']) await client.conversation().say(text);
      expect(clients).toHaveLength(3);
      expect(clients[0]).toBeDefined();
      expect(new Set(clients).size).toBe(1);
    } finally {
      await server.close();
      await client.close();
    }
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
  ])('answers a POST with %s with 401 and a short reason, prints nothing, and runs no turn', async (_name, headers) => {
    const conversation = running.client.conversation();
    const printed = spyOnConsole();
    try {
      const result = await running.client.post({ ...conversation.envelope('message'), text: 'hello' }, headers);
      expect(result.status).toBe(401);
      expect(result.body).toEqual({ error: { code: 'unauthorized', message: 'A valid Bot Framework token is required.' } });
    } finally {
      printed.restore();
    }
    expect(printed.calls()).toEqual([]);
    expect(conversation.transcript).toHaveLength(0);
  });

  it('answers 503 with Retry-After, not 500 with the library error, when the token cannot be checked', async () => {
    // The signing keys live at an address that refuses connections, as when the metadata endpoint is unreachable.
    const adapter = createAdapter(settingsFrom(env), { openIdMetadataUrl: 'http://127.0.0.1:9/.well-known/openid-configuration' });
    const server = createServer({ adapter, bot: new EchoBot(), logger: silent, health: { contentVersion: 'test-1', mode: 'azure' }, bodyLimitBytes: 4096, failSafeText: FAIL_SAFE });
    const { port } = await server.listen(0, '127.0.0.1');
    const printed = spyOnConsole();
    try {
      const conversation = running.client.conversation();
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${wellFormedJwt()}` },
        body: JSON.stringify({ ...conversation.envelope('message'), text: 'hello' }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toEqual({ error: { code: 'token_check_unavailable', message: 'The token could not be checked just now; try again shortly.' } });
    } finally {
      printed.restore();
      await server.close();
    }
  });
});

/** A JWT with a Bot Framework issuer and a key id, unsigned: good enough to make the adapter fetch the signing keys. */
function wellFormedJwt(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return [
    part({ alg: 'RS256', typ: 'JWT', kid: 'test-key' }),
    part({ iss: 'https://api.botframework.com', aud: '11111111-2222-3333-4444-555555555555', exp: now + 3600, nbf: now - 60 }),
    'c2lnbmF0dXJl',
  ].join('.');
}

/** Whatever reaches the console while a test runs (the library's own stack traces, if any). */
function spyOnConsole(): { calls: () => unknown[][]; restore: () => void } {
  const spies = (['log', 'info', 'warn', 'error'] as const).map((method) => jest.spyOn(console, method).mockImplementation(() => undefined));
  return { calls: () => spies.flatMap((spy) => spy.mock.calls), restore: () => spies.forEach((spy) => spy.mockRestore()) };
}

describe('shutdown', () => {
  it('drains: new requests get 503 with Retry-After, /healthz says draining, a turn in flight finishes, then extensions close', async () => {
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
    const health = await fetch(`${running.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    expect(await health.json()).toMatchObject({ status: 'draining' });
    const probe = await fetch(`${running.baseUrl}/probe`);
    expect(probe.status).toBe(503);
    expect(probe.headers.get('retry-after')).toBe('5');
    const another = await running.client.conversation().say('hello');
    expect(another.status).toBe(503);
    expect(closed).toEqual([]);

    release();
    const turn = await slowTurn;
    expect(turn.status).toBe(200);
    expect(textOf(turn.replies)).toBe('echo: slow');
    await expect(closing).resolves.toEqual({ drained: true, abandoned: 0 });
    expect(closed).toEqual(['probe']);
    // The listener itself, not a fetch of the freed port, which another test's server may take at once.
    expect(running.server.server.server.listening).toBe(false);
    await running.client.close();
  });

  it('at the deadline, sends the fail-safe message with the emergency number to a turn still running', async () => {
    const gate = { wait: new Promise<void>(() => undefined) };
    const running = await start({ gate, shutdownTimeoutMs: 100 });
    const conversation = running.client.conversation();
    const stuck = conversation.say('slow');
    await waitFor(() => running.server.inFlight === 1, { timeoutMs: 2000, what: 'one turn in flight' });
    await expect(running.server.close()).resolves.toEqual({ drained: false, abandoned: 1 });
    const turn = await stuck;
    expect(turn.status).toBe(200);
    expect(turn.replies.map((reply) => reply.channelData?.replyId)).toEqual(['error']);
    expect(textOf(turn.replies)).toContain('call 911');
    await running.client.close();
  });

  it('at the deadline, answers an expectReplies turn still running with what it said so far and the fail-safe message', async () => {
    const gate = { wait: new Promise<void>(() => undefined) };
    const running = await start({ gate, shutdownTimeoutMs: 100 });
    const conversation = running.client.conversation();
    const stuck = running.client.post({ ...conversation.envelope('message'), text: 'slow', deliveryMode: 'expectReplies' });
    await waitFor(() => running.server.inFlight === 1, { timeoutMs: 2000, what: 'one turn in flight' });
    await running.server.close();
    const result = await stuck;
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ activities: [{ type: 'message', text: FAIL_SAFE, channelData: { replyId: 'error' }, replyToId: expect.any(String) }] });
    await running.client.close();
  });

  it('answers an upload still in progress at the deadline with 503 instead of cutting it', async () => {
    const running = await start({ shutdownTimeoutMs: 100 });
    const url = new URL(`${running.baseUrl}/api/messages`);
    const response = new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '2000' } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] });
        },
      );
      req.on('error', reject);
      req.write('{"type":"message","text":"');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await running.server.close();
    await expect(response).resolves.toEqual({ status: 503, retryAfter: '5' });
    await running.client.close();
  });
});
