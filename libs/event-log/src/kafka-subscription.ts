import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { backoffMs, ChangeSignal, sleep } from './change-signal';
import { EventDecodeError, EventLogUnavailableError } from './event-log.errors';
import type { LoggedEvent, SubscribeOptions, Subscription } from './event-log.port';
import { decodeRecord } from './kafka-event-codec';
import { consumerConfig, type ResolvedKafkaEventLogConfig } from './kafka-event-log.config';
import { startOffsets } from './log-offsets';
import { withTimeout } from './with-timeout';

/** Most events handed to the handler at once (a Kafka fetch can return thousands). */
const MAX_HANDLER_BATCH = 500;

/**
 * Delivers the topic to a handler through a consumer group: instances sharing the group id divide
 * the partitions, Kafka's way of scaling the projector. Positions are ours, not the group's: nothing
 * is committed; on every (re)join each assigned partition is sought to the next offset this
 * subscription owes (from `after`, then from what it delivered), and anything older that a fetch
 * still returns is dropped. So resuming is exactly where the caller says, and nothing at or before
 * `after` is ever delivered.
 */
export class KafkaSubscription implements Subscription {
  private readonly next: bigint[];
  private closing = false;
  private readonly closed = new ChangeSignal();
  private readonly stop = this.closed.next();

  private consumer?: Consumer;
  /** The start or restart in progress, so close() can wait for it. */
  private starting: Promise<void> = Promise.resolve();

  private constructor(
    private readonly kafka: Kafka,
    private readonly config: ResolvedKafkaEventLogConfig,
    private readonly options: SubscribeOptions,
    private readonly partitionCount: number,
  ) {
    this.next = startOffsets(options.after, partitionCount);
  }

  /** Resolves once the consumer has joined its group (so it has partitions, or waits as a spare). */
  static async start(
    kafka: Kafka,
    config: ResolvedKafkaEventLogConfig,
    partitionCount: number,
    options: SubscribeOptions,
  ): Promise<KafkaSubscription> {
    const subscription = new KafkaSubscription(kafka, config, options, partitionCount);
    subscription.starting = subscription.startConsumer();
    await subscription.starting;
    return subscription;
  }

  async close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      this.closed.notify();
    }
    await this.starting.catch(() => undefined);
    // kafkajs waits for the running eachBatch calls, which end promptly once `closing` is set.
    await this.consumer?.disconnect();
  }

  private async startConsumer(): Promise<void> {
    const { config } = this;
    const consumer = this.kafka.consumer(consumerConfig(this.options.group ?? config.groupId, 500));
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
      this.onJoin(consumer, payload.memberAssignment),
    );
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.report(payload.error);
      // kafkajs restarts the consumer after a retriable crash, not after another: we do then, so
      // a subscription never dies silently.
      if (!payload.restart && !this.closing) this.starting = this.restartLater();
    });
    try {
      await withTimeout(consumer.connect(), config.connectTimeoutMs, 'Subscriber connect');
      await consumer.subscribe({ topics: [config.topic], fromBeginning: true });
      await withTimeout(
        consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: this.partitionCount,
          eachBatch: (payload) => this.onBatch(payload),
        }),
        config.connectTimeoutMs + 15_000,
        'Subscriber group join',
      );
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw new EventLogUnavailableError(
        `Cannot subscribe to ${config.topic}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  private async restartLater(): Promise<void> {
    for (let failures = 0; !this.closing; failures++) {
      await sleep(Math.max(1000, backoffMs(failures)), this.stop);
      if (this.closing) return;
      await this.consumer?.disconnect().catch(() => undefined);
      try {
        await this.startConsumer();
        return;
      } catch (error) {
        this.report(error);
      }
    }
  }

  private onJoin(consumer: Consumer, assignment: Record<string, number[]>): void {
    for (const partition of assignment[this.config.topic] ?? []) {
      consumer.seek({
        topic: this.config.topic,
        partition,
        offset: String(this.next[partition]),
      });
    }
  }

  private async onBatch({
    batch,
    heartbeat,
    isRunning,
    isStale,
    resolveOffset,
  }: EachBatchPayload): Promise<void> {
    const partition = batch.partition;
    const active = (): boolean => !this.closing && isRunning() && !isStale();
    let events: LoggedEvent[] = [];
    const flush = async (): Promise<boolean> => {
      for (let i = 0; i < events.length; i += MAX_HANDLER_BATCH) {
        const chunk = events.slice(i, i + MAX_HANDLER_BATCH);
        const last = chunk[chunk.length - 1].position.offset;
        if (
          !(await this.retrying(
            partition,
            active,
            heartbeat,
            () => this.options.handler(chunk),
            last,
          ))
        )
          return false;
      }
      events = [];
      return true;
    };

    for (const message of batch.messages) {
      if (BigInt(message.offset) < this.next[partition]) continue; // already delivered, or before `after`
      const decoded = decodeRecord(message, partition);
      if (!(decoded instanceof EventDecodeError)) {
        events.push(decoded);
        continue;
      }
      if (!(await flush())) return;
      const onDecodeError = this.options.onDecodeError;
      const handled = await this.retrying(
        partition,
        active,
        heartbeat,
        () => (onDecodeError ? onDecodeError(decoded) : Promise.reject(decoded)),
        message.offset,
      );
      if (!handled) return;
    }
    if (!(await flush())) return;
    // Past trailing transaction markers and aborted records too, which never reach the handler.
    this.advance(partition, batch.lastOffset());
    resolveOffset(batch.lastOffset());
    await this.progress(partition);
  }

  /**
   * Runs one delivery until it succeeds, then moves the partition past `lastOffset`. A failure is
   * retried after a back-off (heartbeating meanwhile) for as long as this consumer still owns the
   * partition; false means it stopped owning it (close, rebalance, seek) before succeeding.
   */
  private async retrying(
    partition: number,
    active: () => boolean,
    heartbeat: () => Promise<void>,
    deliver: () => Promise<void>,
    lastOffset: string,
  ): Promise<boolean> {
    for (let failures = 0; active(); failures++) {
      try {
        await deliver();
        this.advance(partition, lastOffset);
        return true;
      } catch (error) {
        this.report(error, partition);
        await sleep(backoffMs(failures), this.stop);
        if (!active()) break;
        // Throws on a rebalance: kafkajs then rejoins, and onJoin seeks back to `next`.
        await heartbeat();
      }
    }
    return false;
  }

  private async progress(partition: number): Promise<void> {
    try {
      await this.options.onProgress?.(partition, this.next[partition].toString());
    } catch (error) {
      this.report(error, partition);
    }
  }

  private advance(partition: number, lastOffset: string): void {
    const next = BigInt(lastOffset) + 1n;
    if (next > this.next[partition]) this.next[partition] = next;
  }

  private report(error: unknown, partition?: number): void {
    try {
      this.options.onError?.(error, partition);
    } catch {
      // A failing error reporter must not stop delivery.
    }
  }
}
