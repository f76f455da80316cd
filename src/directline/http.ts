import { errorCode } from '../logging';
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'restify';
import type { z } from 'zod';

/** Sends a Direct Line style error body: `{ error: { code, message } }`. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

/** 429 with Retry-After: the client asked for too much, and when to try again. */
export function sendTooMany(res: Response, refusal: { code: string; retryAfterSeconds: number }): void {
  res.header('Retry-After', String(refusal.retryAfterSeconds));
  const message =
    refusal.code === 'too_many_conversations'
      ? 'Too many conversations are open from here; close one or try again later.'
      : 'Too many new conversations from here; try again in a moment.';
  sendError(res, 429, refusal.code, message);
}

/** The outcome of reading a JSON body. */
export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; code: string };

/**
 * Reads and parses a JSON request body of at most `maxBytes`, from the stream: no global body parser may
 * have consumed it (the server installs its parser on `/api/messages` only). An empty body reads as `undefined`.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    req.resume();
    return { ok: false, status: 413, code: 'body_too_large' };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) {
      req.resume();
      return { ok: false, status: 413, code: 'body_too_large' };
    }
    chunks.push(buffer);
  }
  return parseText(Buffer.concat(chunks).toString('utf8'));
}

function parseText(text: string): BodyResult {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, code: 'invalid_json' };
  }
}

/** A query-string parameter, read without restify's queryParser plugin. */
export function queryParam(url: string | undefined, name: string): string | undefined {
  const query = (url ?? '').split('?')[1] ?? '';
  return new URLSearchParams(query).get(name) ?? undefined;
}

/** A route parameter as a string ('' when absent); restify types params loosely. */
export function routeParam(req: { params?: Record<string, unknown> }, name: string): string {
  const value = req.params?.[name];
  return typeof value === 'string' ? value : '';
}

/** Reads a JSON body and validates it with zod, answering 400/413 itself when it is unusable. */
export async function parseBody<T extends z.ZodType>(
  req: Request,
  res: Response,
  maxBytes: number,
  schema: T,
): Promise<{ ok: true; value: z.infer<T> | undefined } | { ok: false }> {
  const read = await readJsonBody(req, maxBytes);
  if (!read.ok) {
    sendError(res, read.status, read.code, read.status === 413 ? `The body is larger than ${maxBytes} bytes.` : 'The body is not JSON.');
    return { ok: false };
  }
  if (read.value === undefined) return { ok: true, value: undefined };
  const parsed = schema.safeParse(read.value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    sendError(res, 400, 'invalid_activity', `Invalid fields: ${where}.`);
    return { ok: false };
  }
  return { ok: true, value: parsed.data };
}

/** A route handler whose failures (the database not answering) become a 503 that says to try again, never a stack trace. */
export function guarded(
  logger: { error(fields: Record<string, unknown>, message?: string): void },
  handler: (req: Request, res: Response) => Promise<void>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      logger.error({ code: errorCode(error) }, 'directline_request_failed');
      if (!res.headersSent) sendError(res, 503, 'service_unavailable', 'The chat service cannot reach its storage just now; try again shortly.');
    }
  };
}
