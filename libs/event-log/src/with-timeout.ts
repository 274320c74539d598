/** Thrown by `withTimeout` when the bound passes first. */
export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not complete within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Bounds a promise: kafkajs retries some operations without end (the idempotent producer by
 * default), so every network step of the log gets a deadline of our own. The underlying operation
 * is not cancelled; the caller discards whatever it was working with (producer, consumer).
 */
export async function withTimeout<T>(operation: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  try {
    return await Promise.race([operation, deadline]);
  } finally {
    clearTimeout(timer);
    // A late rejection of the abandoned operation must not become an unhandled rejection.
    operation.catch(() => undefined);
  }
}
