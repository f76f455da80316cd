import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';

interface Loaded {
  body: Buffer;
  gzipped: Promise<Buffer>;
  etag: string;
}

const gzipped = promisify(gzip);

/**
 * Serves one file from disk at `urlPath` with an ETag, `Cache-Control: max-age` and gzip when the
 * browser accepts it. The file is read here, at registration, so a missing file stops start-up; it
 * is compressed from here on off the main thread (the Web Chat bundle takes a tenth of a second),
 * so neither start-up nor, usually, the first visitor waits for it.
 */
export function serveStaticFile(server: Server, urlPath: string, filePath: string, contentType: string, maxAgeSeconds: number): void {
  if (!existsSync(filePath)) {
    throw new Error(`registerWebChatPage: ${filePath} is missing (served at ${urlPath}); run \`npm ci\`.`);
  }
  const body = readFileSync(filePath);
  const file: Loaded = { body, gzipped: gzipped(body), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };

  // Compressing never fails on a buffer; were it to, the file is served uncompressed.
  file.gzipped.catch(() => undefined);
  server.get(urlPath, async (req: Request, res: Response) => {
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
      return;
    }
    const compressed = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? await file.gzipped.catch(() => undefined) : undefined;
    const body = compressed ?? file.body;
    res.writeHead(200, { ...headers, 'Content-Length': String(body.length), ...(compressed ? { 'Content-Encoding': 'gzip' } : {}) });
    res.end(body);
  });
}
