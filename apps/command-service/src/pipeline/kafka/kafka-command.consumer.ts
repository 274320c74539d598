import { Logger } from '@nestjs/common';
import type {
  Consumer,
  EachBatchPayload,
  Kafka,
  KafkaMessage,
  Producer,
  Transaction,
} from 'kafkajs';
import type {
  CommandEnvelope,
  CommandError,
  CommandReply,
  EventEnvelope,
} from '@portcullis/contracts';
import type { EventLog, LogPosition } from '@portcullis/event-log';
import { AccountRepository } from '../account.repository';
import { CommandDecision, CommandProcessor } from '../command-processor';
import { replyFor } from '../reply';

export interface KafkaCommandConsumerOptions {
  groupId: string;
  commandsTopic: string;
  commandResultsTopic: string;
  eventsTopic: string;
  /** Prefix of the per-partition transactional ids (`<prefix>-<partition>`). */
  transactionalIdPrefix: string;
  /** Commands per transaction at most. */
  chunkSize?: number;
}

interface Owned {
  producer: Producer;
}

interface Processed {
  offset: string;
  replyTopic?: string;
  /** Set when this is a retry of a command earlier in the same chunk. */
  sameAs?: Processed;
  positions?: LogPosition[];
  envelope: Pick<CommandEnvelope, 'commandId' | 'correlationId' | 'accountId'>;
  decision: CommandDecision;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The single writer of each command partition it is assigned. Per chunk of a batch it decides
 * every command against the in-memory aggregates, then writes the events (to the same partition
 * of `iam.events`), the replies and the consumed offset in ONE Kafka transaction. A transactional
 * id per partition fences a previous owner that is still running (a zombie): its next
 * transaction fails. On any failure the partition's state is rebuilt from the log and the
 * uncommitted commands are read again.
 */
export class KafkaCommandConsumer {
  private readonly logger = new Logger('CommandConsumer');
  private readonly owned = new Map<number, Owned>();
  private consumer: Consumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly log: EventLog,
    private readonly processor: CommandProcessor,
    private readonly accounts: AccountRepository,
    private readonly options: KafkaCommandConsumerOptions,
  ) {}

  async start(onFirstAssignment: () => void): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 15_000,
      maxWaitTimeInMs: 50,
      retry: { initialRetryTime: 50, retries: 10 },
    });
    this.consumer = consumer;
    let told = false;
    consumer.on(consumer.events.GROUP_JOIN, async ({ payload }) => {
      const mine = new Set(payload.memberAssignment[this.options.commandsTopic] ?? []);
      for (const p of [...this.owned.keys()]) if (!mine.has(p)) await this.release(p);
      if (!told) {
        told = true;
        onFirstAssignment();
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.options.commandsTopic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.log.partitionCount,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    for (const p of [...this.owned.keys()]) await this.release(p);
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const partition = batch.partition;
    let owned: Owned;
    try {
      owned = await this.own(partition);
    } catch (error) {
      this.logger.error(`cannot take partition ${partition}: ${String(error)}`);
      await this.release(partition);
      this.consumer?.seek({ topic: batch.topic, partition, offset: batch.firstOffset() ?? '0' });
      await sleep(500);
      return;
    }
    const committed = await this.committedOffset(partition);
    const messages = batch.messages.filter((m) => BigInt(m.offset) >= committed);
    const chunkSize = this.options.chunkSize ?? 200;
    for (let i = 0; i < messages.length; i += chunkSize) {
      if (!isRunning() || isStale()) return;
      const chunk = messages.slice(i, i + chunkSize);
      try {
        await this.processChunk(partition, owned, chunk);
        resolveOffset(chunk[chunk.length - 1].offset);
      } catch (error) {
        this.logger.warn(
          `partition ${partition}: transaction failed, rebuilding (${String(error)})`,
        );
        await this.release(partition);
        this.consumer?.seek({ topic: batch.topic, partition, offset: chunk[0].offset });
        await sleep(200);
        return;
      }
      await heartbeat();
    }
  }

  /** Fence first, then read: a previous owner can no longer commit once we have our epoch. */
  private async own(partition: number): Promise<Owned> {
    const existing = this.owned.get(partition);
    if (existing) return existing;
    const producer = this.kafka.producer({
      transactionalId: `${this.options.transactionalIdPrefix}-${partition}`,
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { initialRetryTime: 20, retries: 8 },
    });
    await producer.connect();
    const fence = await producer.transaction();
    await fence.abort();
    await this.accounts.loadPartition(this.log, partition);
    const owned = { producer };
    this.owned.set(partition, owned);
    this.logger.log(`writing partition ${partition}`);
    return owned;
  }

  private async release(partition: number): Promise<void> {
    const owned = this.owned.get(partition);
    this.owned.delete(partition);
    this.accounts.forget((id) => this.log.partitionFor(id) === partition);
    await owned?.producer.disconnect().catch(() => undefined);
  }

  private async committedOffset(partition: number): Promise<bigint> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [topic] = await admin.fetchOffsets({
        groupId: this.options.groupId,
        topics: [this.options.commandsTopic],
      });
      const found = topic?.partitions.find((p) => p.partition === partition);
      return found && found.offset !== '-1' ? BigInt(found.offset) : 0n;
    } finally {
      await admin.disconnect();
    }
  }

  private async processChunk(
    partition: number,
    owned: Owned,
    chunk: KafkaMessage[],
  ): Promise<void> {
    const processed: Processed[] = [];
    // A retry of a command earlier in the same chunk is not committed yet: answer it like the first.
    const seen = new Map<string, Processed>();
    for (const message of chunk) {
      const p = await this.decide(message, partition, seen);
      processed.push(p);
      if (!p.sameAs && p.decision.kind === 'accepted')
        seen.set(`${p.envelope.accountId}/${p.envelope.commandId}`, p);
    }
    const events = processed.flatMap((p) =>
      p.decision.kind === 'accepted' && !p.sameAs ? p.decision.events : [],
    );

    const tx: Transaction = await owned.producer.transaction();
    let positions: LogPosition[] = [];
    try {
      positions = await this.sendEvents(tx, partition, events);
      const replies = this.replies(processed, positions);
      if (replies.length > 0) {
        await tx.sendBatch({
          topicMessages: [...new Set(replies.map((r) => r.topic))].map((topic) => ({
            topic,
            messages: replies
              .filter((r) => r.topic === topic)
              .map(({ reply }) => ({ key: reply.correlationId, value: JSON.stringify(reply) })),
          })),
        });
      }
      await tx.sendOffsets({
        consumerGroupId: this.options.groupId,
        topics: [
          {
            topic: this.options.commandsTopic,
            partitions: [
              { partition, offset: (BigInt(chunk[chunk.length - 1].offset) + 1n).toString() },
            ],
          },
        ],
      });
      await tx.commit();
    } catch (error) {
      await tx.abort().catch(() => undefined);
      throw error;
    }
    // Committed: only now does the idempotency record learn of these commands.
    for (const p of processed) {
      if (p.decision.kind !== 'accepted' || p.sameAs) continue;
      this.accounts.recordCommitted(p.envelope.accountId, p.envelope.commandId, {
        events: p.decision.domainEvents,
        positions: p.positions ?? [],
      });
    }
  }

  private async sendEvents(
    tx: Transaction,
    partition: number,
    events: EventEnvelope[],
  ): Promise<LogPosition[]> {
    if (events.length === 0) return [];
    const [meta] = await tx.send({
      topic: this.options.eventsTopic,
      messages: events.map((e) => ({
        partition,
        key: e.accountId,
        value: JSON.stringify(e),
        headers: {
          type: e.type,
          eventId: e.eventId,
          accountId: e.accountId,
          sequence: String(e.sequence),
        },
      })),
    });
    const base = BigInt(meta.baseOffset ?? '0');
    return events.map((_, i) => ({ partition, offset: (base + BigInt(i)).toString() }));
  }

  private replies(
    processed: Processed[],
    positions: LogPosition[],
  ): { topic: string; reply: CommandReply }[] {
    let at = 0;
    for (const p of processed) {
      if (p.decision.kind !== 'accepted' || p.sameAs) continue;
      p.positions = positions.slice(at, at + p.decision.events.length);
      at += p.decision.events.length;
    }
    return processed.map((p) => ({
      topic: p.replyTopic ?? this.options.commandResultsTopic,
      reply: replyFor(p.envelope, p.decision, (p.sameAs ?? p).positions ?? []),
    }));
  }

  private async decide(
    message: KafkaMessage,
    partition: number,
    seen: Map<string, Processed>,
  ): Promise<Processed> {
    const base = { offset: message.offset, replyTopic: replyTopicOf(message) };
    const reject = (
      envelope: Processed['envelope'],
      Message: string | CommandError,
    ): Processed => ({
      ...base,
      envelope,
      decision: {
        kind: 'rejected',
        error: typeof Message === 'string' ? { Code: 'ValidationError', Message } : Message,
      },
    });
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      // Nothing to take ids from: the reply is keyed (and correlated) by the message key.
      const key = message.key?.toString() ?? '';
      return reject(
        { commandId: key, correlationId: key, accountId: '' },
        'The command is not valid JSON.',
      );
    }
    const checked = this.processor.validateEnvelope(raw);
    if (!checked.ok) {
      const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const commandId =
        typeof r.commandId === 'string' ? r.commandId : (message.key?.toString() ?? '');
      const correlationId = typeof r.correlationId === 'string' ? r.correlationId : commandId;
      return reject({ commandId, correlationId, accountId: '' }, checked.error);
    }
    const envelope = checked.value;
    if (this.log.partitionFor(envelope.accountId) !== partition) {
      // Only the owner of the account's partition may write its events.
      return reject(envelope, "The message key must be the command's accountId.");
    }
    const earlier = seen.get(`${envelope.accountId}/${envelope.commandId}`);
    if (earlier) return { ...base, envelope, decision: earlier.decision, sameAs: earlier };
    return { ...base, envelope, decision: await this.processor.decide(envelope) };
  }
}

/** Replies go to `iam.command-results` unless the command names another topic. */
function replyTopicOf(message: KafkaMessage): string | undefined {
  const header = message.headers?.['reply-topic'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined ? undefined : value.toString();
}
