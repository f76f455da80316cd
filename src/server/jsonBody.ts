import type { IncomingMessage } from 'node:http';

/** A request body read as JSON, or why it could not be (with the status to answer). */
export type JsonBody =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly status: 400; readonly code: 'invalid_json' }
  | { readonly ok: false; readonly status: 413; readonly code: 'body_too_large' }
  | { readonly ok: false; readonly status: 415; readonly code: 'unsupported_media_type' }
  | { readonly ok: false; readonly status: 499; readonly code: 'client_gone' };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Read a JSON request body of at most `limitBytes`. Done here rather than with restify's body parser,
 * which allocates through the deprecated `Buffer()` constructor on every request and quotes the body
 * in its error messages.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<JsonBody> {
  if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) {
    req.resume();
    return { ok: false, status: 415, code: 'unsupported_media_type' };
  }
  if (Number(req.headers['content-length'] ?? 0) > limitBytes) {
    req.resume();
    return { ok: false, status: 413, code: 'body_too_large' };
  }
  // Events rather than `for await`: an async iterator per request costs more than reading the body.
  const read = await new Promise<{ ok: true; chunks: Buffer[]; size: number } | { ok: false; status: 413 | 499 }>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: { ok: true; chunks: Buffer[]; size: number } | { ok: false; status: 413 | 499 }): void => {
      // The error listener stays: a socket error after the answer must not become an uncaught exception.
      req.off('data', onData).off('end', onEnd).off('close', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        finish({ ok: false, status: 413 });
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ ok: true, chunks, size });
    // A close before the end: the client went away mid-upload.
    const onError = (): void => finish({ ok: false, status: 499 });
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onError);
  });
  if (!read.ok) return read.status === 413 ? { ok: false, status: 413, code: 'body_too_large' } : { ok: false, status: 499, code: 'client_gone' };
  try {
    // An activity mostly arrives in one chunk: read as it is, not copied into a new buffer first.
    const bytes = read.chunks.length === 1 && read.chunks[0] !== undefined ? read.chunks[0] : Buffer.concat(read.chunks, read.size);
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, code: 'invalid_json' };
  }
}
