import type { EventLog, LogPosition, Subscription } from '@portcullis/event-log';
import type { ReadModelStore } from '@portcullis/read-models';
import type { DeadLetters } from './dead-letters/dead-letters.port';
import { type ProjectorLogger, ReadModelProjector } from './read-model.projector';

export interface StartProjectionOptions {
  log: EventLog;
  store: ReadModelStore;
  deadLetters: DeadLetters;
  /** Consumer group (default: the event log's configured group). */
  group?: string;
  eventsTopic?: string;
  cacheSize?: number;
  logger?: ProjectorLogger;
  /** Told of failed deliveries (they are retried) and transport failures. */
  onError?: (error: unknown, partition?: number) => void;
}

export interface RunningProjection {
  projector: ReadModelProjector;
  subscription: Subscription;
  /** Where it resumed: the positions after which delivery started. */
  resumedAfter: LogPosition[];
}

/** Positions to resume after, from the stored checkpoints (which hold next offsets). */
export async function resumePositions(store: ReadModelStore): Promise<LogPosition[]> {
  return (await store.getCheckpoints())
    .filter((c) => BigInt(c.nextOffset) > 0n)
    .map((c) => ({ partition: c.partition, offset: (BigInt(c.nextOffset) - 1n).toString() }));
}

/** Subscribes a projector to the event log, resuming after the stored checkpoints. */
export async function startProjection(options: StartProjectionOptions): Promise<RunningProjection> {
  const projector = new ReadModelProjector({
    store: options.store,
    deadLetters: options.deadLetters,
    eventsTopic: options.eventsTopic,
    cacheSize: options.cacheSize,
    logger: options.logger,
  });
  const resumedAfter = await resumePositions(options.store);
  const subscription = await options.log.subscribe({
    ...(options.group !== undefined && { group: options.group }),
    after: resumedAfter,
    handler: (batch) => projector.project(batch),
    onDecodeError: (error) => projector.parkUndecodable(error),
    onProgress: (partition, nextOffset) => projector.progress(partition, nextOffset),
    onError: options.onError,
  });
  return { projector, subscription, resumedAfter };
}
