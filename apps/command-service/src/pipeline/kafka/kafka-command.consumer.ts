import { Logger } from '@nestjs/common';
import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { EventLog } from '@portcullis/event-log';
import { AccountRepository } from '../account.repository';
import { CommandProcessor } from '../command-processor';
import {
  CommandWriterSettings,
  DEFAULT_WRITER_SETTINGS,
  ensureMember,
  HeartbeatError,
  PartitionWriter,
  WriterContext,
  WriterEvent,
  WriterFaults,
  WriterFencedError,
} from './partition-writer';

export type { WriterEvent, WriterFaults } from './partition-writer';

export type KafkaCommandConsumerOptions = Pick<
  CommandWriterSettings,
  'groupId' | 'commandsTopic' | 'commandResultsTopic' | 'eventsTopic' | 'transactionalIdPrefix'
> &
  Partial<CommandWriterSettings>;

/**
 * The single writer of each command partition this instance is assigned by the consumer group
 * (`<clientId>-command-service`). Each assigned partition gets a `PartitionWriter` (fence, read the
 * committed offset and the events end, rebuild from the log; then one transaction per chunk of
 * commands: events + replies + consumed offset). kafkajs delivers each partition's batches to
 * `eachBatch` one at a time, partitions in parallel.
 *
 * - Rebalance: partitions no longer assigned drop their state and producer at once (GROUP_JOIN);
 *   newly assigned ones start rebuilding at once, not at their first command.
 * - A partition still rebuilding is paused rather than waited for, so the other partitions keep
 *   flowing and kafkajs keeps heartbeating (its fetch loop waits for every batch of a fetch).
 * - Fenced: the writer stops writing and drops its state; if a heartbeat then says the group is
 *   rebalancing, the error goes to kafkajs (which rejoins); if the group still gives us the
 *   partition, a new writer takes it (fences the other producer back).
 * - No error other than kafkajs's own heartbeat errors escapes `eachBatch`: kafkajs does not restart
 *   a consumer after a non-retriable one. Uncommitted commands are simply not resolved, so kafkajs
 *   delivers them again.
 */
export class KafkaCommandConsumer {
  private readonly logger = new Logger('CommandConsumer');
  /** Read at each use: tests and the benchmark may change them after construction. */
  readonly settings: CommandWriterSettings;
  /** Test hooks run inside each transaction. */
  faults: WriterFaults = {};
  private readonly writers = new Map<number, PartitionWriter>();
  /** Writers being closed, per partition: the next writer waits until the state is dropped. */
  private readonly closing = new Map<number, Promise<void>>();
  private readonly paused = new Set<number>();
  private readonly failures = new Map<number, { count: number; notBefore: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners = new Set<(event: WriterEvent) => void>();
  private consumer: Consumer | null = null;
  private admin: Admin | null = null;
  private replyPartitions: number | null = null;
  private stopping = false;
  /** Partitions the group gives this instance (last GROUP_JOIN). */
  assignment: number[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly log: EventLog,
    private readonly processor: CommandProcessor,
    private readonly accounts: AccountRepository,
    options: KafkaCommandConsumerOptions,
  ) {
    this.settings = { ...DEFAULT_WRITER_SETTINGS, ...options };
  }

  /** Subscribes to what the writers report (ready, committed, retry, fenced, dropped). */
  onEvent(listener: (event: WriterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Partitions whose writer is rebuilt and writing. */
  readyPartitions(): number[] {
    return [...this.writers.values()].filter((w) => w.state === 'ready').map((w) => w.partition);
  }

  async start(onFirstAssignment: () => void): Promise<void> {
    const s = this.settings;
    // One admin client for the committed offsets and end offsets of every writer.
    const admin = this.kafka.admin();
    await admin.connect();
    this.admin = admin;
    const metadata = await admin.fetchTopicMetadata({ topics: [s.commandResultsTopic] });
    this.replyPartitions = metadata.topics[0]?.partitions.length || null;

    const consumer = this.kafka.consumer({
      groupId: s.groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      sessionTimeout: s.sessionTimeoutMs,
      heartbeatInterval: s.heartbeatIntervalMs,
      rebalanceTimeout: s.rebalanceTimeoutMs,
      maxWaitTimeInMs: 100,
      retry: { initialRetryTime: 50, maxRetryTime: 2_000, retries: 10 },
    });
    this.consumer = consumer;
    let told = false;
    let memberId: string | null = null;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      // A new member id means we were evicted and joined again: others may have written our
      // partitions meanwhile, so nothing kept from before can be trusted.
      if (memberId !== null && payload.memberId !== memberId) {
        for (const p of [...this.writers.keys()])
          this.drop(p, 'rejoined the group as a new member');
      }
      memberId = payload.memberId;
      this.assign(payload.memberAssignment[s.commandsTopic] ?? []);
      if (!told) {
        told = true;
        onFirstAssignment();
      }
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.logger.error(
        `command consumer crashed (${payload.restart ? 'restarting' : 'not restarting'}): ${String(payload.error)}`,
      );
    });
    await consumer.connect();
    await consumer.subscribe({ topic: s.commandsTopic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.log.partitionCount,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    // Leaves the group once running batches are done (each bounded by the transaction timeout).
    await this.consumer?.disconnect().catch((e) => this.logger.warn(`disconnect: ${String(e)}`));
    for (const p of [...this.writers.keys()]) this.drop(p, 'stopping');
    await Promise.all([...this.closing.values()]);
    await this.admin?.disconnect().catch(() => undefined);
  }

  // ---- ownership ---------------------------------------------------------------------------

  private assign(partitions: number[]): void {
    this.assignment = [...partitions].sort((a, b) => a - b);
    const mine = new Set(partitions);
    for (const p of [...this.writers.keys()]) if (!mine.has(p)) this.drop(p, 'revoked');
    for (const p of partitions) {
      const writer = this.writers.get(p) ?? this.open(p);
      // Kept across the rebalance: check again that no one committed past us meanwhile.
      writer.gapChecked = false;
      if (writer.state === 'ready') this.resume(p);
    }
  }

  private open(partition: number): PartitionWriter {
    const writer = new PartitionWriter(
      this.context(),
      partition,
      this.closing.get(partition) ?? Promise.resolve(),
    );
    this.writers.set(partition, writer);
    writer.ready.then(
      () => {
        if (this.writers.get(partition) !== writer) return;
        this.logger.log(`writing partition ${partition}`);
        this.resume(partition);
      },
      (error) => {
        if (this.writers.get(partition) !== writer) return;
        this.notify({ type: 'open-failed', partition, error: String(error) });
        this.logger.warn(`cannot take partition ${partition}: ${String(error)}`);
        this.failed(partition);
        this.drop(partition, 'open failed');
      },
    );
    return writer;
  }

  private drop(partition: number, reason: string): void {
    const writer = this.writers.get(partition);
    if (!writer) return;
    this.writers.delete(partition);
    const closing = writer.close();
    this.closing.set(partition, closing);
    void closing.finally(() => {
      if (this.closing.get(partition) === closing) this.closing.delete(partition);
    });
    this.notify({ type: 'dropped', partition, reason });
    if (reason !== 'stopping' && reason !== 'revoked') {
      this.logger.warn(`partition ${partition}: state dropped (${reason})`);
    }
    // Resumed after a back-off, so the next batch brings a new writer (a rebuild).
    const wait = Math.max(0, (this.failures.get(partition)?.notBefore ?? 0) - Date.now());
    if (this.paused.has(partition)) this.pauseFor(partition, wait);
  }

  private failed(partition: number): void {
    const count = (this.failures.get(partition)?.count ?? 0) + 1;
    const delay = Math.min(5_000, 100 * 2 ** (count - 1));
    this.failures.set(partition, { count, notBefore: Date.now() + delay });
  }

  private pause(partition: number): void {
    this.consumer?.pause([{ topic: this.settings.commandsTopic, partitions: [partition] }]);
    this.paused.add(partition);
  }

  private resume(partition: number): void {
    if (!this.paused.delete(partition)) return;
    this.consumer?.resume([{ topic: this.settings.commandsTopic, partitions: [partition] }]);
  }

  private pauseFor(partition: number, ms: number): void {
    this.pause(partition);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopping) this.resume(partition);
    }, ms);
    this.timers.add(timer);
  }

  private context(): WriterContext {
    return {
      kafka: this.kafka,
      admin: this.admin!,
      accounts: this.accounts,
      processor: this.processor,
      partitionFor: (id) => this.log.partitionFor(id),
      settings: this.settings,
      faults: () => this.faults,
      notify: (event) => this.notify(event),
      logger: this.logger,
      replyPartitions: this.replyPartitions,
    };
  }

  private notify(event: WriterEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a listener's problem is not the writer's
      }
    }
  }

  // ---- batches -----------------------------------------------------------------------------

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const beat = async (): Promise<void> => {
      try {
        await payload.heartbeat();
      } catch (error) {
        throw new HeartbeatError(error);
      }
    };
    try {
      await this.handleBatch(payload, beat);
    } catch (error) {
      // kafkajs's own heartbeat error (rebalance in progress, unknown member...): its runner
      // rejoins the group. Nothing else may escape.
      if (error instanceof HeartbeatError) throw error.original;
      this.logger.error(`partition ${payload.batch.partition}: ${String(error)}`);
    }
  }

  private async handleBatch(
    { batch, resolveOffset, isRunning, isStale }: EachBatchPayload,
    beat: () => Promise<void>,
  ): Promise<void> {
    const partition = batch.partition;
    if (this.stopping || !isRunning()) return;
    let writer = this.writers.get(partition);
    if (!writer) {
      const wait = (this.failures.get(partition)?.notBefore ?? 0) - Date.now();
      if (wait > 0) {
        this.pauseFor(partition, wait);
        return;
      }
      writer = this.open(partition);
    }
    if (writer.state === 'opening') {
      // Rebuilding: the other partitions go on meanwhile; resumed when ready.
      this.pause(partition);
      return;
    }
    if (writer.state !== 'ready') return;

    // kafkajs's position comes from the group's offsets when it joined. Past ours means someone
    // else committed since we read them (we are stale), or control records / retention.
    const fetched = BigInt(
      (batch as unknown as { fetchedOffset?: string }).fetchedOffset ?? batch.firstOffset() ?? '0',
    );
    if (writer.nextOffset !== null && fetched > writer.nextOffset && !writer.gapChecked) {
      writer.gapChecked = true;
      const committed = await writer.fetchCommitted();
      if (committed !== writer.nextOffset) {
        this.drop(partition, `committed offset moved to ${committed} under us`);
        return;
      }
    }
    const from = writer.nextOffset ?? 0n;
    // Commands below the committed offset were handled by us or an earlier owner.
    const messages = batch.messages.filter((m) => BigInt(m.offset) >= from);
    if (messages.length === 0) {
      if (batch.messages.length > 0)
        resolveOffset(batch.messages[batch.messages.length - 1].offset);
      return;
    }
    for (const chunk of chunks(messages, this.settings.chunkSize, this.settings.chunkBytes)) {
      if (!isRunning() || isStale() || this.stopping || this.writers.get(partition) !== writer)
        return;
      let result;
      try {
        result = await writer.process(chunk, beat);
      } catch (error) {
        if (error instanceof HeartbeatError) {
          this.drop(partition, 'the group is rebalancing');
          throw error;
        }
        if (error instanceof WriterFencedError) {
          this.notify({ type: 'fenced', partition, error: String(error.cause) });
          this.logger.warn(String(error));
          this.drop(partition, 'fenced');
          // A zombie learns here that it lost the partition (the heartbeat throws: rejoin).
          await ensureMember(beat, this.settings.heartbeatIntervalMs);
          return;
        }
        this.failed(partition);
        this.drop(partition, String(error));
        return;
      }
      this.failures.delete(partition);
      resolveOffset(result.consumed[result.consumed.length - 1].offset);
      if (result.rebuild) {
        this.drop(partition, 'a command failed unexpectedly');
        return;
      }
      await beat();
    }
  }
}

/** Splits messages into chunks of at most `count` commands and about `bytes` bytes. */
function* chunks(
  messages: KafkaMessage[],
  count: number,
  bytes: number,
): Generator<KafkaMessage[]> {
  let chunk: KafkaMessage[] = [];
  let size = 0;
  for (const m of messages) {
    const length = m.value?.length ?? 0;
    if (chunk.length > 0 && (chunk.length >= count || size + length > bytes)) {
      yield chunk;
      chunk = [];
      size = 0;
    }
    chunk.push(m);
    size += length;
  }
  if (chunk.length > 0) yield chunk;
}
