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
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limitBytes) {
        req.resume();
        return { ok: false, status: 413, code: 'body_too_large' };
      }
      chunks.push(buffer);
    }
  } catch {
    return { ok: false, status: 499, code: 'client_gone' };
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks, size).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, code: 'invalid_json' };
  }
}
