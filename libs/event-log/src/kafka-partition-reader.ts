import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { AsyncChannel } from './async-channel';
import { EventDecodeError, EventLogUnavailableError } from './event-log.errors';
import type { LoggedEvent } from './event-log.port';
import { decodeRecord } from './kafka-event-codec';
import { consumerConfig, type ResolvedKafkaEventLogConfig } from './kafka-event-log.config';
import { withTimeout } from './with-timeout';

export interface PartitionRead {
  kafka: Kafka;
  config: ResolvedKafkaEventLogConfig;
  partition: number;
  from: bigint;
  /** Read-committed end of the partition (last stable offset) when the read starts. */
  end: () => Promise<bigint>;
  /** Lets the log stop this read when it closes. */
  register: (stop: (error: Error) => void) => () => void;
}

/**
 * Reads one partition from `from` up to its end at the start of the read, then ends.
 *
 * kafkajs has no assign(): a consumer in a group of its own (a fresh id, nothing committed) gets
 * every partition, pauses all but ours and seeks ours to `from` as soon as it joins. Done means
 * "consumer position >= end", never "saw record end-1": the last offsets before the end are often
 * transaction markers (or aborted records), which kafkajs filters out; such a fetch reaches us only
 * as an END_BATCH_PROCESS event, so progress is taken from those events.
 */
export async function* readKafkaPartition(read: PartitionRead): AsyncGenerator<LoggedEvent> {
  const { kafka, config, partition, from } = read;
  const end = await read.end();
  if (from >= end) return;

  const channel = new AsyncChannel<LoggedEvent | EventDecodeError>();
  const unregister = read.register((error) => channel.fail(error));
  const consumer = kafka.consumer(consumerConfig(`${config.clientId}.reader.${randomUUID()}`, 100));
  let position = from;
  const advance = (lastOffset: string): void => {
    const next = BigInt(lastOffset) + 1n;
    if (next > position) position = next;
    if (position >= end) channel.end();
  };
  const listeners = [
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      // Joining (or rejoining) a group resets positions: put ours back before anything is fetched.
      const assigned = payload.memberAssignment[config.topic] ?? [];
      try {
        consumer.pause([
          { topic: config.topic, partitions: assigned.filter((p) => p !== partition) },
        ]);
        consumer.seek({ topic: config.topic, partition, offset: String(position) });
      } catch (error) {
        channel.fail(error);
      }
    }),
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.partition === partition) advance(payload.lastOffset);
    }),
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      channel.fail(
        new EventLogUnavailableError(
          `Reading partition ${partition} failed: ${payload.error.message}`,
          { cause: payload.error },
        ),
      );
    }),
  ];

  try {
    await start(consumer, read, channel);
    for await (const item of channel) {
      if (item instanceof EventDecodeError) throw item;
      yield item;
    }
  } finally {
    channel.close();
    unregister();
    for (const remove of listeners) remove();
    await withTimeout(consumer.disconnect(), 10_000, 'Reader disconnect').catch(() => undefined);
  }

  async function start(
    consumer: Consumer,
    read: PartitionRead,
    channel: AsyncChannel<LoggedEvent | EventDecodeError>,
  ): Promise<void> {
    try {
      await withTimeout(consumer.connect(), config.connectTimeoutMs, 'Reader connect');
      await consumer.subscribe({ topics: [config.topic], fromBeginning: true });
      await withTimeout(
        consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch, heartbeat }) => {
            if (batch.partition !== read.partition) return;
            const items = batch.messages
              .filter((m) => BigInt(m.offset) >= position && BigInt(m.offset) < end)
              .map((m) => decodeRecord(m, read.partition));
            // A slow reader holds this batch: keep the group membership alive meanwhile.
            const taken = channel.put(items);
            while (!(await settledWithin(taken, 1000))) await heartbeat().catch(() => undefined);
          },
        }),
        config.connectTimeoutMs + 15_000,
        'Reader group join',
      );
    } catch (error) {
      throw new EventLogUnavailableError(
        `Cannot read partition ${read.partition}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
}

async function settledWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
