import type { Admin, Kafka } from 'kafkajs';
import type { EventEnvelope } from '@portcullis/contracts';
import { envelopeProblems } from './envelope-shape';
import {
  EventLogClosedError,
  EventLogUnavailableError,
  InvalidEventError,
} from './event-log.errors';
import type {
  EventLog,
  LoggedEvent,
  LogPosition,
  SubscribeOptions,
  Subscription,
} from './event-log.port';
import {
  CLIENT_RETRY,
  createKafka,
  type KafkaEventLogConfig,
  type ResolvedKafkaEventLogConfig,
  describeBrokers,
  resolveConfig,
} from './kafka-event-log.config';
import { readKafkaPartition } from './kafka-partition-reader';
import { KafkaSubscription } from './kafka-subscription';
import { KafkaTransactionalAppender } from './kafka-transactional-appender';
import { assertPartition, parseOffset } from './log-offsets';
import { partitionFor } from './partition-for-key';
import { withTimeout } from './with-timeout';

/**
 * The event log on Kafka: topic `iam.events`, keyed and partitioned by account id, appended to
 * in transactions, read read-committed. Make one with `KafkaEventLog.connect(config)`, which
 * fails within `connectTimeoutMs` with an `EventLogUnavailableError` when the brokers cannot be
 * reached, so an app can log one line and exit instead of hanging.
 */
export class KafkaEventLog implements EventLog {
  private readonly appender: KafkaTransactionalAppender;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private readonly readers = new Set<(error: Error) => void>();
  private closed = false;

  private constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly config: ResolvedKafkaEventLogConfig,
    readonly partitionCount: number,
  ) {
    this.appender = new KafkaTransactionalAppender(kafka, config, (accountId) =>
      this.partitionFor(accountId),
    );
  }

  static async connect(config: KafkaEventLogConfig): Promise<KafkaEventLog> {
    const resolved = resolveConfig(config);
    const kafka = createKafka(resolved);
    const admin = kafka.admin({ retry: CLIENT_RETRY });
    try {
      await withTimeout(admin.connect(), resolved.connectTimeoutMs, 'Connecting to Kafka');
      const partitionCount = await withTimeout(
        ensureTopic(admin, resolved),
        resolved.connectTimeoutMs,
        'Topic set-up',
      );
      return new KafkaEventLog(kafka, admin, resolved, partitionCount);
    } catch (error) {
      await withTimeout(admin.disconnect(), 5000, 'Admin disconnect').catch(() => undefined);
      throw new EventLogUnavailableError(
        `Kafka event log unavailable (brokers ${describeBrokers(resolved)}, topic ${resolved.topic}): ` +
          (error as Error).message,
        { cause: error },
      );
    }
  }

  /** Same rule as kafkajs's DefaultPartitioner; every record is also sent with its partition set. */
  partitionFor(accountId: string): number {
    return partitionFor(accountId, this.partitionCount);
  }

  async append(events: EventEnvelope[]): Promise<LogPosition[]> {
    this.assertOpen();
    events.forEach((event, index) => {
      const problems = envelopeProblems(event);
      if (problems.length) {
        throw new InvalidEventError(
          `Event ${index} is not a valid envelope: ${problems.join('; ')}`,
        );
      }
    });
    if (events.length === 0) return [];
    const positions = await this.appender.append(events);
    await this.awaitVisible(positions);
    return positions;
  }

  /**
   * Kafka writes a transaction's commit markers after the commit request has returned, and
   * read-committed readers (and the last stable offset) only move past the records once the
   * markers are in: measured here, a read straight after the commit often misses them. Waiting
   * until the end position passes them makes "append resolved" mean "readers see it", as in the
   * embedded log. An older transaction still open in the partition holds the end back; past the
   * append timeout we return anyway: the events are committed, and readers will get them.
   */
  private async awaitVisible(positions: LogPosition[]): Promise<void> {
    const last = new Map<number, bigint>();
    for (const { partition, offset } of positions) {
      const o = BigInt(offset);
      if (o > (last.get(partition) ?? -1n)) last.set(partition, o);
    }
    const deadline = Date.now() + this.config.appendTimeoutMs;
    for (let delay = 1; Date.now() < deadline; delay = Math.min(delay * 2, 100)) {
      const ends = await this.endPositions();
      if ([...last].every(([partition, offset]) => BigInt(ends[partition].offset) > offset)) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  readPartition(partition: number, fromOffset = '0'): AsyncIterable<LoggedEvent> {
    this.assertOpen();
    assertPartition(partition, this.partitionCount);
    return readKafkaPartition({
      kafka: this.kafka,
      config: this.config,
      partition,
      from: parseOffset(fromOffset, 'fromOffset'),
      end: async () => BigInt((await this.endPositions())[partition].offset),
      register: (stop) => {
        this.readers.add(stop);
        return () => this.readers.delete(stop);
      },
    });
  }

  /** Last stable offsets: ListOffsets(latest) asked read-committed, which kafkajs's admin does. */
  async endPositions(): Promise<LogPosition[]> {
    this.assertOpen();
    try {
      const offsets = await withTimeout(
        this.admin.fetchTopicOffsets(this.config.topic),
        this.config.connectTimeoutMs,
        'Fetching end offsets',
      );
      return offsets
        .map(({ partition, offset }) => ({ partition, offset }))
        .sort((a, b) => a.partition - b.partition);
    } catch (error) {
      throw new EventLogUnavailableError(
        `Cannot fetch end offsets of ${this.config.topic}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    const subscription = await KafkaSubscription.start(
      this.kafka,
      this.config,
      this.partitionCount,
      options,
    );
    this.subscriptions.add(subscription);
    return {
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.readers)
      stop(new EventLogClosedError('Event log closed during a read'));
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.subscriptions.clear();
    await this.appender.close();
    await withTimeout(this.admin.disconnect(), 5000, 'Admin disconnect').catch(() => undefined);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventLogClosedError('Event log is closed');
  }
}

/**
 * Creates the topic if missing (never relying on auto-creation, kafkajs #1563) and returns its
 * real partition count: an existing topic keeps its own, and partitioning must follow it.
 */
async function ensureTopic(admin: Admin, config: ResolvedKafkaEventLogConfig): Promise<number> {
  await admin.createTopics({
    topics: [
      {
        topic: config.topic,
        numPartitions: config.partitionCount,
        replicationFactor: config.replicationFactor,
        // The log is the source of truth: never deleted by age or size, never compacted.
        configEntries: [
          { name: 'retention.ms', value: '-1' },
          { name: 'retention.bytes', value: '-1' },
          { name: 'cleanup.policy', value: 'delete' },
        ],
      },
    ],
    waitForLeaders: true,
  });
  const metadata = await admin.fetchTopicMetadata({ topics: [config.topic] });
  const count = metadata.topics[0]?.partitions.length ?? 0;
  if (count < 1) throw new Error(`topic ${config.topic} has no partitions`);
  return count;
}
