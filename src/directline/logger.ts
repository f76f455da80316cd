/** A pino-compatible logging surface; the Direct Line code logs ids and codes only, never message text. */
export interface DirectLineLogger {
  info(fields: Record<string, unknown>, message?: string): void;
  warn(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

/** A logger that drops everything, used when none is injected. */
export const silentLogger: DirectLineLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
