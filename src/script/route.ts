import type { Server } from 'restify';
import type { CallScript } from './callScript';

/** The headers `/script` is served with: no external resources, and only the page's own script runs. */
export function callScriptHeaders(script: Pick<CallScript, 'scriptHash'>): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; script-src ${script.scriptHash}; form-action 'none'; base-uri 'none'`,
    'X-Content-Type-Options': 'nosniff',
  };
}

/** Serves the call script's HTML at `GET /script`: rendered once at start-up from the loaded content. */
export function registerCallScriptRoute(server: Server, script: Pick<CallScript, 'html' | 'scriptHash'>): void {
  server.get('/script', (_req, res, next) => {
    res.writeHead(200, callScriptHeaders(script));
    res.end(script.html);
    return next(false);
  });
}
