import restify from 'restify';
import { registerDirectLineTokenEndpoint, type FetchLike, type TokenEndpointOptions } from '../../src/directline';
import { call, listenOnLoopback } from './support/testServer';

const SECRET = 'azure-direct-line-secret-value';

/** A restify server with only the token endpoint. */
function withTokenEndpoint(options: TokenEndpointOptions): restify.Server {
  const server = restify.createServer();
  registerDirectLineTokenEndpoint(server, options);
  return server;
}

function fakeAzure(answer: { status: number; body: unknown }): FetchLike & { calls: { url: string; headers: Record<string, string>; body?: string }[] } {
  const calls: { url: string; headers: Record<string, string>; body?: string }[] = [];
  const fake = async (url: string, init: { headers: Record<string, string>; body?: string }) => {
    calls.push({ url, headers: init.headers, body: init.body });
    return { ok: answer.status < 300, status: answer.status, json: async () => answer.body };
  };
  return Object.assign(fake, { calls });
}

describe('token endpoint with DIRECT_LINE_SECRET (Azure-registered bot)', () => {
  it('exchanges the secret for a token at Azure and gives the page only the token and domain', async () => {
    const azure = fakeAzure({ status: 200, body: { conversationId: 'abc-us', token: 'azure.jwt.token', expires_in: 3600 } });
    const app = await listenOnLoopback(withTokenEndpoint({ directLineSecret: SECRET, fetch: azure }));
    try {
      const response = await call(app.baseUrl, 'POST', '/api/directline/token');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        token: 'azure.jwt.token',
        conversationId: 'abc-us',
        expires_in: 3600,
        domain: 'https://directline.botframework.com/v3/directline',
      });
      expect(JSON.stringify(response.body)).not.toContain(SECRET);
      expect(azure.calls).toHaveLength(1);
      expect(azure.calls[0].url).toBe('https://directline.botframework.com/v3/directline/tokens/generate');
      expect(azure.calls[0].headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(JSON.parse(azure.calls[0].body ?? '{}')).toEqual({ user: { id: expect.stringMatching(/^dl_[\w-]+$/) } });
    } finally {
      await app.close();
    }
  });

  it.each([
    ['Azure refuses the secret', { status: 403, body: { error: { code: 'BadArgument' } } }],
    ['Azure answers something unexpected', { status: 200, body: { token: 42 } }],
  ])('answers 502 without details when %s', async (_name, answer) => {
    const app = await listenOnLoopback(withTokenEndpoint({ directLineSecret: SECRET, fetch: fakeAzure(answer) }));
    try {
      const response = await call(app.baseUrl, 'POST', '/api/directline/token');
      expect(response.status).toBe(502);
      expect(response.body).toMatchObject({ error: { code: 'token_service_unavailable' } });
      expect(JSON.stringify(response.body)).not.toContain(SECRET);
    } finally {
      await app.close();
    }
  });

  it('limits how fast one client gets tokens from Azure, with 429 and Retry-After', async () => {
    const azure = fakeAzure({ status: 200, body: { conversationId: 'abc-us', token: 'azure.jwt.token', expires_in: 3600 } });
    const app = await listenOnLoopback(withTokenEndpoint({ directLineSecret: SECRET, fetch: azure, newConversationsPerMinute: 2 }));
    try {
      expect((await call(app.baseUrl, 'POST', '/api/directline/token')).status).toBe(200);
      expect((await call(app.baseUrl, 'POST', '/api/directline/token')).status).toBe(200);
      const refused = await call(app.baseUrl, 'POST', '/api/directline/token');
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ error: { code: 'too_many_new_conversations' } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(azure.calls).toHaveLength(2);
    } finally {
      await app.close();
    }
  });

  it('uses the embedded service when the secret is blank', async () => {
    const issueToken = async () => ({ ok: true as const, grant: { token: 't'.repeat(43), conversationId: 'c1', expiresInSeconds: 1800 } });
    const app = await listenOnLoopback(withTokenEndpoint({ directLineSecret: '  ', directLine: { issueToken } }));
    try {
      const response = await call(app.baseUrl, 'POST', '/api/directline/token');
      expect(response.body).toEqual({ token: 't'.repeat(43), conversationId: 'c1', expires_in: 1800 });
    } finally {
      await app.close();
    }
  });

  it('says what to pass when given neither a service nor a secret', () => {
    expect(() => registerDirectLineTokenEndpoint(restify.createServer(), {})).toThrow(/pass directLine .* or directLineSecret/);
  });
});
