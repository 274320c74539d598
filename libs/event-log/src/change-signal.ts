/**
 * A level-free wake-up: `next()` gives a promise settled by the following `notify()`. Used to park
 * a caught-up reader until something is appended (or it is stopped), without polling.
 */
export class ChangeSignal {
  private resolveNext: () => void = () => undefined;
  private pending: Promise<void> = this.renew();

  next(): Promise<void> {
    return this.pending;
  }

  notify(): void {
    const resolve = this.resolveNext;
    this.pending = this.renew();
    resolve();
  }

  private renew(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolveNext = resolve;
    });
  }
}

/** Resolves after `ms`, or as soon as `interrupt` settles, whichever comes first. */
export function sleep(ms: number, interrupt?: Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void interrupt?.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Retry delay after `attempt` consecutive failures: 100 ms doubling, capped at 5 s. */
export function backoffMs(attempt: number): number {
  return Math.min(5000, 100 * 2 ** Math.min(attempt, 6));
}
