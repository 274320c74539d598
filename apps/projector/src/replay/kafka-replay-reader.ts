import { randomUUID } from 'node:crypto';
import type { Batch, Consumer, Kafka } from 'kafkajs';
import { decodeRecord, EventDecodeError, type LoggedEvent } from '@portcullis/event-log';
import type { PartitionPlan } from './replay-bound';
import type { ReplayReadHandler, ReplayReader } from './replay-reader';

export interface KafkaReplayReaderOptions {
  kafka: Kafka;
  /** The events topic (`iam.events`). */
  topic: string;
  /** Prefix of the throw-away consumer group (default `portcullis`). */
  clientId?: string;
  /** Bytes per partition per fetch (default 8 MiB: a replay wants big fetches, not low latency). */
  maxBytesPerPartition?: number;
}

/**
 * The fast replay path on Kafka: one consumer for every partition (`EventLog.readPartition`
 * joins a consumer group per partition and re-joins after each undecodable record), big fetches,
 * and events handed to the fold straight from kafkajs's batch, without a channel in between.
 * Decoding is the log's own (`decodeRecord`), so what counts as an event, and what is parked as
 * undecodable, is exactly what the live projector sees.
 *
 * kafkajs has no assign(): the consumer joins a fresh group of its own (nothing committed, so no
 * trace left but an empty group), is given every partition, seeks each to where it stands, and
 * pauses a partition once it has reached its plan. A partition is done when its position passes
 * the plan's end, never when "record end-1 was seen": the last offsets before the end are often
 * transaction markers, which kafkajs filters out and reports only as END_BATCH_PROCESS events.
 */
export class KafkaReplayReader implements ReplayReader {
  constructor(private readonly options: KafkaReplayReaderOptions) {}

  async read(plans: readonly PartitionPlan[], handler: ReplayReadHandler): Promise<void> {
    const { topic } = this.options;
    const position = new Map<number, bigint>();
    const readEnd = new Map<number, bigint>();
    for (const plan of plans) {
      if (plan.readEnd > 0n) {
        position.set(plan.partition, 0n);
        readEnd.set(plan.partition, plan.readEnd);
      }
    }
    if (position.size === 0) return;

    const consumer = this.consumer();
    const done = new Set<number>();
    let settle!: { resolve: () => void; reject: (e: unknown) => void };
    const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    // A failure before `await finished` below must not count as an unhandled rejection.
    finished.catch(() => undefined);

    const finish = (partition: number): void => {
      if (done.has(partition)) return;
      done.add(partition);
      consumer.pause([{ topic, partitions: [partition] }]);
      if (done.size === position.size) settle.resolve();
    };
    const advance = (partition: number, lastOffset: string): void => {
      const next = BigInt(lastOffset) + 1n;
      if (next <= (position.get(partition) ?? 0n)) return;
      const end = readEnd.get(partition)!;
      position.set(partition, next < end ? next : end);
      handler.onProgress(partition, position.get(partition)!);
      if (next >= end) finish(partition);
    };

    const listeners = [
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        // Joining (or re-joining) resets positions: put every partition back before a fetch.
        const assigned = payload.memberAssignment[topic] ?? [];
        try {
          const idle = assigned.filter((p) => !position.has(p) || done.has(p));
          if (idle.length) consumer.pause([{ topic, partitions: idle }]);
          for (const p of assigned) {
            if (position.has(p) && !done.has(p))
              consumer.seek({ topic, partition: p, offset: position.get(p)!.toString() });
          }
        } catch (error) {
          settle.reject(error);
        }
      }),
      // Fetches holding only transaction markers or aborted records never reach eachBatch.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (position.has(payload.partition) && !done.has(payload.partition))
          advance(payload.partition, payload.lastOffset);
      }),
      consumer.on(consumer.events.CRASH, ({ payload }) => settle.reject(payload.error)),
    ];

    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: position.size,
        eachBatch: async ({ batch }) => {
          try {
            consume(batch);
          } catch (error) {
            // Not a transport problem that a redelivery could fix: the replay fails.
            settle.reject(error);
          }
        },
      });
      await finished;
    } finally {
      for (const remove of listeners) remove();
      await consumer.disconnect().catch(() => undefined);
    }

    function consume(batch: Batch): void {
      const partition = batch.partition;
      if (!position.has(partition) || done.has(partition)) return;
      const from = position.get(partition)!;
      const end = readEnd.get(partition)!;
      let events: LoggedEvent[] = [];
      for (const message of batch.messages) {
        const offset = BigInt(message.offset);
        if (offset < from) continue; // fetched again after a re-join
        if (offset >= end) break;
        const decoded = decodeRecord(message, partition);
        if (!(decoded instanceof EventDecodeError)) {
          events.push(decoded);
          continue;
        }
        if (events.length && !handler.onEvents(partition, events)) return finish(partition);
        events = [];
        handler.onUndecodable(decoded);
      }
      if (events.length && !handler.onEvents(partition, events)) return finish(partition);
      advance(partition, batch.lastOffset());
    }
  }

  private consumer(): Consumer {
    const group = `${this.options.clientId ?? 'portcullis'}.replay.${randomUUID()}`;
    return this.options.kafka.consumer({
      groupId: group,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      // As the log's own consumers: sized for a small busy machine (kafkajs #1527).
      sessionTimeout: 30_000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 30_000,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 8 * 1024 * 1024,
      maxBytes: 64 * 1024 * 1024,
      retry: { initialRetryTime: 20, maxRetryTime: 1000, retries: 8 },
    });
  }
}
