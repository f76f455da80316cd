import type { Server } from 'restify';

/** Serves the call script's HTML at `GET /script`: rendered once at start-up from the loaded content. */
export function registerCallScriptRoute(server: Server, html: string): void {
  server.get('/script', (_req, res, next) => {
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(html);
    return next(false);
  });
}
