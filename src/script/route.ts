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

type CallScriptPage = Pick<CallScript, 'html' | 'scriptHash'>;

/**
 * Serves the call script's HTML at `GET /script`, rendered once from the loaded content; given as a
 * function, it is rendered on the first request, so that rendering does not delay start-up.
 */
export function registerCallScriptRoute(server: Server, script: CallScriptPage | (() => CallScriptPage)): void {
  const render = typeof script === 'function' ? script : () => script;
  let page: CallScriptPage | undefined;
  server.get('/script', (_req, res, next) => {
    page ??= render();
    res.writeHead(200, callScriptHeaders(page));
    res.end(page.html);
    return next(false);
  });
}
