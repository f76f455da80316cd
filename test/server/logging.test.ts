import { Writable } from 'node:stream';
import { createLogger, errorCode, hashActivityId, hashId, REDACTED, routeConsoleToLogger } from '../../src/logging';

/** A destination that keeps every line pino writes. */
function capture(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter((line) => line !== '') };
}

const SECRET_WORDS = 'I took six tablets and feel faint';

describe('logging', () => {
  it('keeps a message text out of the output by default, wherever it sits in the fields', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', logPatientText: false, destination: out.stream });
    logger.info({ text: SECRET_WORDS }, 'top level');
    logger.info({ activity: { type: 'message', text: SECRET_WORDS, value: { note: SECRET_WORDS } } }, 'nested');
    logger.child({ component: 'bot' }).warn({ turn: { activity: { text: SECRET_WORDS } } }, 'deeper');
    logger.info({ body: { type: 'message', text: SECRET_WORDS } }, 'request body');
    const output = out.lines().join('\n');
    expect(out.lines()).toHaveLength(4);
    expect(output).not.toContain('six tablets');
    expect(output).toContain(REDACTED);
    expect(JSON.parse(out.lines()[1] ?? '{}')).toMatchObject({ activity: { type: 'message', text: REDACTED, value: REDACTED } });
  });

  it('keeps Adaptive Card answers (value) out of the output, up to two levels down', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', logPatientText: false, destination: out.stream });
    logger.info({ value: { symptom: SECRET_WORDS } }, 'top level');
    logger.info({ submitted: { value: SECRET_WORDS } }, 'one down');
    logger.info({ turn: { activity: { value: { answer: SECRET_WORDS } } } }, 'two down');
    expect(out.lines().join('\n')).not.toContain('six tablets');
    expect(out.lines().map((line) => JSON.stringify(JSON.parse(line))).join('\n').match(/\[redacted\]/g)).toHaveLength(3);
  });

  it('keeps the text out of arrays of activities too, and leaves other fields as they were', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', logPatientText: false, destination: out.stream });
    const fields = { conversation: 'abc123def456', replies: [{ type: 'message', text: SECRET_WORDS }], findings: ['dizziness'] };
    logger.info(fields, 'replies');
    expect(JSON.parse(out.lines()[0] ?? '{}')).toMatchObject({ conversation: 'abc123def456', replies: [{ type: 'message', text: REDACTED }], findings: ['dizziness'] });
    expect(fields.replies[0]?.text).toBe(SECRET_WORDS);
  });

  it('includes the text when LOG_PATIENT_TEXT=true', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', logPatientText: true, destination: out.stream });
    logger.info({ text: SECRET_WORDS }, 'debugging content');
    expect(out.lines().join('\n')).toContain('six tablets');
  });

  it('honours the level', () => {
    const out = capture();
    const logger = createLogger({ level: 'warn', logPatientText: false, destination: out.stream });
    logger.info({}, 'quiet');
    logger.warn({}, 'loud');
    expect(out.lines().map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['loud']);
  });

  it('hashes ids to 12 stable hex characters that do not contain the id', () => {
    const id = 'a1b2c3|livechat';
    expect(hashId(id)).toMatch(/^[0-9a-f]{12}$/);
    expect(hashId(id)).toBe(hashId(id));
    expect(hashId(id)).not.toBe(hashId(`${id}x`));
    expect(hashId('abc')).toBe('ba7816bf8f01');
  });

  it.each([
    ['a Node system error', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    ['a timeout (whose numeric DOMException code is ignored)', new DOMException('timed out', 'TimeoutError'), 'TimeoutError'],
    ['an error without a code', new TypeError('fetch failed'), 'TypeError'],
    ['something that is not an Error', 'oops', 'unknown'],
  ])('names %s by code or name, never by message', (_name, error, code) => {
    expect(errorCode(error)).toBe(code);
  });

  it('hashes the conversation part of an activity id and keeps its sequence', () => {
    expect(hashActivityId('abc|0000007')).toBe('ba7816bf8f01|0000007');
    expect(hashActivityId('abc')).toBe('ba7816bf8f01');
  });

  it('turns what libraries print on the console into one JSON line each, with a code and never the text', () => {
    const out = capture();
    const restore = routeConsoleToLogger(createLogger({ level: 'debug', logPatientText: false, destination: out.stream }));
    try {
      const error = Object.assign(new Error('jwt expired for conversation a1b2c3|0000001'), { code: 'ERR_JWT_EXPIRED' });
      console.error(error);
      console.warn(`Exception in inbound interception ${SECRET_WORDS}`);
    } finally {
      restore();
    }
    const lines = out.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toMatchObject([
      { level: 50, component: 'library', code: 'ERR_JWT_EXPIRED', msg: 'library_console' },
      { level: 40, component: 'library', code: 'console_text', msg: 'library_console' },
    ]);
    expect(out.lines().join('\n')).not.toMatch(/a1b2c3|six tablets|at Object/);
  });
});
