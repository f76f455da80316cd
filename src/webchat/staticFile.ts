import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';

interface Loaded {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

/**
 * Serves one file from disk at `urlPath` with an ETag, `Cache-Control: max-age` and gzip when the
 * browser accepts it. The file is read and compressed here, at registration, so a missing file stops
 * start-up and the first visitor does not wait for the Web Chat bundle to be gzipped.
 */
export function serveStaticFile(server: Server, urlPath: string, filePath: string, contentType: string, maxAgeSeconds: number): void {
  if (!existsSync(filePath)) {
    throw new Error(`registerWebChatPage: ${filePath} is missing (served at ${urlPath}); run \`npm ci\`.`);
  }
  const body = readFileSync(filePath);
  const file: Loaded = { body, gzipped: gzipSync(body), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };

  server.get(urlPath, (req: Request, res: Response, next: () => void) => {
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'Cache-Control': `public, max-age=${maxAgeSeconds}`,
      ETag: file.etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
    };
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304, headers);
      res.end();
      return next();
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? file.gzipped : file.body;
    res.writeHead(200, { ...headers, 'Content-Length': String(body.length), ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
    res.end(body);
    return next();
  });
}
