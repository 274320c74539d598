import {
  errorTypes,
  isCoordinatorRetriable,
  isFencingError,
  retryOnCoordinator,
  TimeoutError,
  withTimeout,
} from './kafka-retry';

const protocolError = (type: string) =>
  Object.assign(new Error(type), { name: 'KafkaJSProtocolError', type });
/** How kafkajs wraps an error once its own retries are exhausted. */
const retriesExceeded = (cause: Error) =>
  Object.assign(new Error(cause.message), { name: 'KafkaJSNumberOfRetriesExceeded', cause });

describe('kafka-retry', () => {
  it('looks through cause chains for the broker error type', () => {
    expect(errorTypes(retriesExceeded(protocolError('CONCURRENT_TRANSACTIONS')))).toEqual([
      'CONCURRENT_TRANSACTIONS',
    ]);
    expect(
      isCoordinatorRetriable(retriesExceeded(protocolError('NOT_COORDINATOR_FOR_GROUP'))),
    ).toBe(true);
    expect(isCoordinatorRetriable(protocolError('GROUP_LOAD_IN_PROGRESS'))).toBe(true);
    expect(isCoordinatorRetriable(protocolError('INVALID_PRODUCER_EPOCH'))).toBe(false);
    expect(isFencingError(retriesExceeded(protocolError('INVALID_PRODUCER_EPOCH')))).toBe(true);
  });

  it('retries sendOffsets-like calls on coordinator answers only', async () => {
    const answers = [
      protocolError('NOT_COORDINATOR_FOR_GROUP'),
      protocolError('CONCURRENT_TRANSACTIONS'),
    ];
    const retried: number[] = [];
    let calls = 0;
    await expect(
      retryOnCoordinator(
        async () => {
          calls++;
          const next = answers.shift();
          if (next) throw next;
          return 'ok';
        },
        { initialMs: 1 },
        (_e, n) => retried.push(n),
      ),
    ).resolves.toBe('ok');
    expect(calls).toBe(3);
    expect(retried).toEqual([1, 2]);

    let fenced = 0;
    await expect(
      retryOnCoordinator(async () => {
        fenced++;
        throw protocolError('INVALID_PRODUCER_EPOCH');
      }),
    ).rejects.toThrow('INVALID_PRODUCER_EPOCH');
    expect(fenced).toBe(1);
  });

  it('gives up after the retries it was given', async () => {
    let calls = 0;
    await expect(
      retryOnCoordinator(
        async () => {
          calls++;
          throw protocolError('COORDINATOR_LOAD_IN_PROGRESS');
        },
        { retries: 2, initialMs: 1 },
      ),
    ).rejects.toThrow();
    expect(calls).toBe(3);
  });

  it('bounds a promise and swallows its late rejection', async () => {
    let reject!: (e: Error) => void;
    const slow = new Promise<never>((_, r) => (reject = r));
    await expect(withTimeout(slow, 5, 'slow')).rejects.toBeInstanceOf(TimeoutError);
    reject(new Error('late')); // no unhandled rejection
    await expect(withTimeout(Promise.resolve(1), 50, 'fast')).resolves.toBe(1);
  });
});
