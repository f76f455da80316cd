import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { ResolvedDirectLineOptions } from './options';

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

/**
 * The `ws://` or `wss://` origin the page should open its stream on. It follows the request's Host
 * header, so the socket goes to the very origin the page was loaded from (which the page's CSP allows);
 * an unusable Host falls back to `serviceUrl`.
 */
export function streamBaseUrl(req: IncomingMessage, options: ResolvedDirectLineOptions): string {
  const host = req.headers.host;
  // Behind a TLS-terminating proxy the page is https, so the socket must be wss (a ws:// URL would be blocked
  // as mixed content). Trusting the header is harmless: it only shapes the URL handed back to this same client.
  const forwardedProto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase();
  const secure = Boolean((req.socket as TLSSocket).encrypted) || forwardedProto === 'https';
  if (host && HOST.test(host)) return `${secure ? 'wss' : 'ws'}://${host}`;
  return options.serviceUrl().replace(/^http/, 'ws').replace(/\/+$/, '');
}
