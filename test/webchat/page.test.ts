import restify from 'restify';
import { contentSecurityPolicy, escapeHtml, registerWebChatPage, type WebChatPageOptions } from '../../src/webchat';
import { listenOnLoopback, type Listening } from '../directline/support/testServer';

/** Only the Web Chat page, served on a free loopback port. */
function serve(options: WebChatPageOptions): Promise<Listening> {
  const server = restify.createServer();
  registerWebChatPage(server, options);
  return listenOnLoopback(server);
}

describe('the Web Chat page over HTTP', () => {
  let app: Listening;
  beforeAll(async () => {
    app = await serve({ emergencyNumber: '999', title: 'Baclofen <help> & "advice"' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves HTML with the emergency number, an escaped title and no inline script', async () => {
    const response = await fetch(`${app.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('In an emergency call <a href="tel:999">999</a>');
    expect(html).toContain('<title>Baclofen &lt;help&gt; &amp; &quot;advice&quot;</title>');
    expect(html).toMatch(/<main id="main"/);
    expect(html).toMatch(/<html lang="en-US">/);
    expect(html.match(/<script\b[^>]*>/g)).toEqual([
      '<script src="/assets/start.js">',
      '<script src="/assets/webchat.js" defer>',
      '<script src="/assets/page.js" defer>',
    ]);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('sends a strict Content-Security-Policy whose style nonce matches the page and changes every time', async () => {
    const first = await fetch(`${app.baseUrl}/`);
    const second = await fetch(`${app.baseUrl}/`);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(await first.text()).toContain(`<meta name="webchat-style-nonce" content="${nonce}">`);
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
    expect(first.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the Web Chat bundle (which defines window.WebChat) with caching headers, gzip and 304s', async () => {
    const response = await fetch(`${app.baseUrl}/assets/webchat.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toContain('window.WebChat=');
    const etag = response.headers.get('etag') ?? '';
    const again = await fetch(`${app.baseUrl}/assets/webchat.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it.each(['/assets/start.js', '/assets/page.js', '/assets/page.css'])('serves %s', async (asset) => {
    const response = await fetch(`${app.baseUrl}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('Web Chat page options', () => {
  it('escapes a hostile emergency number and offers no tel: link for it', async () => {
    const app = await serve({ emergencyNumber: '<img src=x onerror=alert(1)>' });
    try {
      const html = await (await fetch(`${app.baseUrl}/`)).text();
      expect(html).toContain('In an emergency call &lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('tel:');
    } finally {
      await app.close();
    }
  });

  it('says what to pass when the emergency number is missing', () => {
    expect(() => registerWebChatPage(restify.createServer(), { emergencyNumber: ' ' })).toThrow(/emergencyNumber is required/);
  });

  it('lets the page reach Azure Direct Line over https and wss when asked', () => {
    const csp = contentSecurityPolicy('n', ['https://directline.botframework.com']);
    expect(csp).toContain("connect-src 'self' https://directline.botframework.com wss://directline.botframework.com");
  });

  it('escapes all five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
