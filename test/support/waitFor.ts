/** How long {@link waitFor} polls, how often, and what a timeout says it was waiting for. */
export interface WaitOptions {
  /** Give up after this long (default 5 s). */
  readonly timeoutMs?: number;
  /** Pause between checks (default 20 ms). */
  readonly intervalMs?: number;
  /** What is awaited, for the timeout's message; a function is read only when the wait fails. */
  readonly what?: string | (() => string);
}

/**
 * Polls `check` (which may be async) until it returns something other than `undefined` or `false`, and
 * returns that; throws after `timeoutMs`, naming `what` was awaited.
 */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
  const { timeoutMs = 5000, intervalMs = 20, what = 'the condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: waited ${timeoutMs} ms for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
