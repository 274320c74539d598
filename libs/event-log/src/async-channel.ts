/**
 * Hands items from a push source (a kafkajs `eachBatch` callback) to a pull reader (an async
 * iterator) with back-pressure: `put` resolves only once the reader has taken the items, so a slow
 * reader holds the consumer instead of buffering a whole partition in memory.
 */
export class AsyncChannel<T> {
  private readonly queue: T[] = [];
  private ended = false;
  private failure?: { error: unknown };
  private wakeReader?: () => void;
  private readonly drainedWaiters: (() => void)[] = [];

  /** Resolves when the reader has taken all of `items`, or has stopped reading. */
  put(items: T[]): Promise<void> {
    if (this.ended || items.length === 0) return Promise.resolve();
    this.queue.push(...items);
    this.wake();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  /** No more items: the reader finishes after taking what is queued. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  /** The reader throws `error` after taking what is queued. */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.end();
  }

  /** The reader has gone: release every pending `put`. */
  close(): void {
    this.ended = true;
    this.queue.length = 0;
    this.releaseWriters();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    try {
      for (;;) {
        const item = this.queue.shift();
        if (item !== undefined) {
          if (this.queue.length === 0) this.releaseWriters();
          yield item;
          continue;
        }
        if (this.ended) {
          if (this.failure) throw this.failure.error;
          return;
        }
        await new Promise<void>((resolve) => (this.wakeReader = resolve));
      }
    } finally {
      this.close();
    }
  }

  private wake(): void {
    const wake = this.wakeReader;
    this.wakeReader = undefined;
    wake?.();
  }

  private releaseWriters(): void {
    for (const resolve of this.drainedWaiters.splice(0)) resolve();
  }
}
