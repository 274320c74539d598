import { isFencingError } from '@portcullis/event-log';

export { isFencingError };

/** kafkajs wraps broker errors (retries exceeded, protocol errors): the error types along `cause`. */
export function errorTypes(error: unknown): string[] {
  const types: string[] = [];
  let current: unknown = error;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 10; depth++) {
    const record = current as Record<string, unknown>;
    if (typeof record.type === 'string') types.push(record.type);
    current = record.cause ?? record.originalError;
  }
  return types;
}

/**
 * Coordinator answers that mean "not now, ask again" for transactional requests. kafkajs names some
 * of them by their old protocol names (GROUP_LOAD_IN_PROGRESS = COORDINATOR_LOAD_IN_PROGRESS,
 * NOT_COORDINATOR_FOR_GROUP = NOT_COORDINATOR); both spellings are listed. kafkajs retries none of
 * them around AddOffsetsToTxn (the first half of `sendOffsets`) nor around EndTxn (`commit`).
 */
const COORDINATOR_RETRIABLE = new Set([
  'CONCURRENT_TRANSACTIONS',
  'NOT_COORDINATOR',
  'NOT_COORDINATOR_FOR_GROUP',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'GROUP_LOAD_IN_PROGRESS',
  'COORDINATOR_NOT_AVAILABLE',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
]);

export function isCoordinatorRetriable(error: unknown): boolean {
  return errorTypes(error).some((t) => COORDINATOR_RETRIABLE.has(t));
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` again while it fails with a coordinator-retriable error (exponential back-off from
 * `initialMs`, at most `retries` more times); any other error is thrown at once.
 */
export async function retryOnCoordinator<T>(
  attempt: () => Promise<T>,
  {
    retries = 8,
    initialMs = 10,
    maxMs = 500,
  }: { retries?: number; initialMs?: number; maxMs?: number } = {},
  onRetry?: (error: unknown, retry: number) => void,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (retry >= retries || !isCoordinatorRetriable(error)) throw error;
      onRetry?.(error, retry + 1);
      await sleep(Math.min(maxMs, initialMs * 2 ** retry));
    }
  }
}

export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} took longer than ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Bounds a promise. On timeout the original promise keeps running (kafkajs cannot cancel a
 * request) and its eventual rejection is swallowed: the caller has moved on to recovery.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
