/**
 * Counts work in progress (bot turns) so a shutdown can wait for it to finish.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly listeners = new Set<() => void>();

  /** How many tracked promises have not settled yet. */
  get size(): number {
    return this.pending.size;
  }

  /** Track `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => {
      this.pending.delete(settled);
      for (const listener of this.listeners) listener();
    });
    return work;
  }

  /** Call `listener` every time a tracked promise settles; returns a function that unsubscribes. */
  onSettle(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolve once nothing is in flight (true) or after `timeoutMs` (false). Work tracked while
   * waiting is waited for too.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
    });
    const idle = (async (): Promise<true> => {
      while (this.pending.size > 0) await Promise.all(this.pending);
      return true;
    })();
    try {
      return await Promise.race([idle, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
