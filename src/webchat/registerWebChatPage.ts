import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { contentSecurityPolicy } from './contentSecurityPolicy';
import { renderPageHtml } from './pageHtml';
import { serveStaticFile } from './staticFile';

/** Options for {@link registerWebChatPage}. */
export interface WebChatPageOptions {
  /** Shown in the always-visible banner, e.g. `999`. */
  emergencyNumber: string;
  /** Page title and heading (default "Baclofen symptom checker"). */
  title?: string;
  /** Extra `https://` origins the page may connect to, e.g. Azure Direct Line's when `DIRECT_LINE_SECRET` is set. */
  connectOrigins?: string[];
}

const ONE_DAY = 24 * 60 * 60;

/**
 * Serves the chat page at `GET /` and its assets under `/assets/` (Web Chat itself comes from this
 * server, never a CDN). The page fetches a token from `/api/directline/token` and talks Direct Line to this origin
 * (or to the `domain` the token endpoint names).
 */
export function registerWebChatPage(server: Server, options: WebChatPageOptions): void {
  const emergencyNumber = options.emergencyNumber?.trim();
  if (!emergencyNumber) {
    throw new TypeError('registerWebChatPage: emergencyNumber is required, e.g. { emergencyNumber: "999" }.');
  }
  const assetsDir = webAssetsDir();
  serveStaticFile(server, '/assets/webchat.js', webChatBundlePath(), 'text/javascript; charset=utf-8', ONE_DAY);
  serveStaticFile(server, '/assets/start.js', path.join(assetsDir, 'start.js'), 'text/javascript; charset=utf-8', 300);
  serveStaticFile(server, '/assets/page.js', path.join(assetsDir, 'page.js'), 'text/javascript; charset=utf-8', 300);
  serveStaticFile(server, '/assets/page.css', path.join(assetsDir, 'page.css'), 'text/css; charset=utf-8', 300);

  const content = {
    title: options.title ?? 'Baclofen symptom checker',
    emergencyNumber,
    tokenPath: '/api/directline/token',
    locale: 'en-US',
  };
  server.get('/', (_req: Request, res: Response, next: () => void) => {
    const nonce = randomBytes(18).toString('base64');
    const html = Buffer.from(renderPageHtml({ ...content, nonce }));
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(html.length),
      'Content-Security-Policy': contentSecurityPolicy(nonce, options.connectOrigins),
      // The nonce changes per response, so the page must not be cached.
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    });
    res.end(html);
    return next();
  });
}

// The package's exports hide package.json, so go from its CommonJS entry (lib/index.js) to dist/webchat.js,
// the UMD bundle that defines `window.WebChat`.
function webChatBundlePath(): string {
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

// `web/` sits at the repository root, whether this runs from src/ (tsx, jest) or from a build under dist/.
function webAssetsDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'web', 'page.js'))) return path.join(dir, 'web');
  }
  throw new Error('registerWebChatPage: could not find web/page.js above ' + __dirname + '; keep the repository\'s web/ folder next to the build.');
}
