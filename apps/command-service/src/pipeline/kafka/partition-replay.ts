import { randomUUID } from 'crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { TimeoutError } from './kafka-retry';

export interface PartitionReplay {
  kafka: Kafka;
  topic: string;
  partition: number;
  /** Read-committed end (last stable offset) to read up to, exclusive. */
  end: bigint;
  from?: bigint;
  /** Prefix of the throw-away consumer group (a fresh id is appended). */
  groupPrefix: string;
  /**
   * Called synchronously with each fetched run of committed records below `end`, in offset order;
   * it may throw to stop the replay (e.g. an undecodable event).
   */
  onRecords(messages: KafkaMessage[]): void;
  /** Checked per fetch: stop early (the partition was given away meanwhile). */
  cancelled(): boolean;
  /** Fetch sizes. One fetch per RTT; kafkajs decodes a whole response at once. */
  maxBytesPerPartition?: number;
  maxBytes?: number;
  /** No progress for this long fails the replay (default 30 s). */
  stallTimeoutMs?: number;
  /** Also aborted and open transactions' records (tests look for a zombie's writes). */
  readUncommitted?: boolean;
}

export class ReplayCancelledError extends Error {
  constructor() {
    super('replay cancelled');
    this.name = 'ReplayCancelledError';
  }
}

/**
 * Reads partition `partition` of `topic` from `from` up to `end` (read-committed) and hands the
 * records over as they come. kafkajs has no assign(): a consumer in a fresh group gets every
 * partition, pauses the others and seeks ours whenever it (re)joins. Done means "our position has
 * reached `end`", never "we saw record end-1": the last offsets before the end are often
 * transaction markers or aborted records, which kafkajs drops; END_BATCH_PROCESS reports them.
 *
 * Tuned for a rebuild: records are handed over per fetch, synchronously, with no per-record
 * promise or channel in between. Fetch size matters little (bench:commands, 100,000 events of
 * ~530 bytes): 0.25 MB fetches were clearly slower (1.8 s vs 1.3-1.4 s), between 1 and 16 MB the
 * differences stayed within run-to-run noise; 4 MB is the default. What costs is kafkajs's
 * record decoding, two thirds of it the 7 routing headers of each record (50,000 records decode
 * in ~400 ms with them, ~120 ms without), then the envelope checks and the apply.
 */
export async function replayPartition(replay: PartitionReplay): Promise<{ records: number }> {
  const from = replay.from ?? 0n;
  if (from >= replay.end) return { records: 0 };
  const { kafka, topic, partition, end } = replay;
  const consumer = kafka.consumer({
    groupId: `${replay.groupPrefix}.${randomUUID()}`,
    readUncommitted: replay.readUncommitted ?? false,
    allowAutoTopicCreation: false,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 15_000,
    maxWaitTimeInMs: 100,
    minBytes: 1,
    maxBytesPerPartition: replay.maxBytesPerPartition ?? 4 * 1024 * 1024,
    maxBytes: replay.maxBytes ?? 16 * 1024 * 1024,
    retry: { initialRetryTime: 20, maxRetryTime: 1000, retries: 8 },
  });
  let position = from;
  let records = 0;
  let settle!: (error?: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  let lastProgress = Date.now();
  const advance = (lastOffset: string): void => {
    const next = BigInt(lastOffset) + 1n;
    if (next > position) {
      position = next;
      lastProgress = Date.now();
    }
    if (position >= end) settle();
  };
  const watchdog = setInterval(() => {
    if (replay.cancelled()) settle(new ReplayCancelledError());
    else if (Date.now() - lastProgress > (replay.stallTimeoutMs ?? 30_000))
      settle(
        new TimeoutError(
          `replay of ${topic}[${partition}] stalled at ${position}`,
          replay.stallTimeoutMs ?? 30_000,
        ),
      );
  }, 250);
  const listeners = [
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      // Joining resets positions: put ours back before anything is fetched.
      const assigned = payload.memberAssignment[topic] ?? [];
      try {
        consumer.pause([{ topic, partitions: assigned.filter((p) => p !== partition) }]);
        consumer.seek({ topic, partition, offset: String(position) });
      } catch (error) {
        settle(error);
      }
    }),
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.partition === partition) advance(payload.lastOffset);
    }),
    consumer.on(consumer.events.CRASH, ({ payload }) => settle(payload.error)),
  ];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      // Resolved after each batch, so the next fetch moves on (nothing is committed: autoCommit off).
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        if (batch.partition !== partition) return;
        if (replay.cancelled()) {
          settle(new ReplayCancelledError());
          return;
        }
        const wanted = batch.messages.filter((m) => {
          const o = BigInt(m.offset);
          return o >= position && o < end;
        });
        try {
          if (wanted.length > 0) replay.onRecords(wanted);
          records += wanted.length;
        } catch (error) {
          settle(error);
        }
      },
    });
    await done;
    return { records };
  } finally {
    clearInterval(watchdog);
    for (const remove of listeners) remove();
    await consumer.disconnect().catch(() => undefined);
  }
}
