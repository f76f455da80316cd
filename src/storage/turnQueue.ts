/**
 * One turn at a time per key, in arrival order, within this process. Keys with nothing queued are
 * forgotten, so the map holds only conversations with a turn running or waiting.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` after every earlier `run` with the same key has settled. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a turn running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
