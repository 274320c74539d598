import type { Kafka, Message, Producer, RecordMetadata, Transaction } from 'kafkajs';
import type { EventEnvelope } from '@portcullis/contracts';
import {
  EventLogAppendError,
  EventLogFencedError,
  EventLogUnavailableError,
} from './event-log.errors';
import type { LogPosition } from './event-log.port';
import { encodeEvent } from './kafka-event-codec';
import {
  CLIENT_RETRY,
  describeBrokers,
  type ResolvedKafkaEventLogConfig,
} from './kafka-event-log.config';
import { isFencingError } from './kafka-errors';
import { TimeoutError, withTimeout } from './with-timeout';

type Phase = 'begin' | 'send' | 'commit';

/**
 * Appends as Kafka transactions: one transaction per append, so its events become visible to
 * read-committed readers all at once or not at all. One transaction at a time (kafkajs allows no
 * more per producer), in call order. A producer that failed is never reused: kafkajs leaves it in a
 * state it cannot leave (e.g. "COMMITTING" after a failed commit); the next append makes a fresh
 * one, whose InitProducerId also fences any late request of the old one.
 */
export class KafkaTransactionalAppender {
  private producer?: Producer;
  private fenced?: EventLogFencedError;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kafka: Kafka,
    private readonly config: ResolvedKafkaEventLogConfig,
    private readonly partitionFor: (accountId: string) => number,
  ) {}

  append(events: EventEnvelope[]): Promise<LogPosition[]> {
    const run = this.queue.then(() => this.appendNow(events));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.discardProducer();
  }

  private async appendNow(events: EventEnvelope[]): Promise<LogPosition[]> {
    if (this.fenced) throw this.fenced;
    const messages = events.map((event) => encodeEvent(event, this.partitionFor(event.accountId)));
    const producer = await this.connectedProducer();
    let transaction: Transaction | undefined;
    let phase: Phase = 'begin';
    // Set when we gave up on this transaction (timeout): the abandoned steps, still running, must
    // never go on to commit what we report as not appended.
    let abandoned = false;
    try {
      const metadata = await withTimeout(
        (async () => {
          transaction = await producer.transaction();
          phase = 'send';
          const sent = await transaction.send({ topic: this.config.topic, messages, acks: -1 });
          await this.config.beforeCommit?.();
          if (abandoned) throw new Error('append abandoned before its commit');
          phase = 'commit';
          await transaction.commit();
          return sent;
        })(),
        this.config.appendTimeoutMs,
        `Append of ${events.length} events to ${this.config.topic}`,
      );
      return positionsOf(messages, metadata);
    } catch (error) {
      abandoned = true;
      throw await this.fail(error, phase, transaction, events.length);
    }
  }

  private async fail(
    error: unknown,
    phase: Phase,
    transaction: Transaction | undefined,
    count: number,
  ): Promise<Error> {
    if (phase === 'send' && transaction && !isFencingError(error)) {
      // Best effort: an abort that fails or hangs is settled by the next producer's InitProducerId
      // (or the broker's transaction timeout), which abort the open transaction.
      await withTimeout(transaction.abort(), 5000, 'Abort').catch(() => undefined);
    }
    await this.discardProducer();
    const reason = error instanceof Error ? error.message : String(error);
    if (isFencingError(error)) {
      this.fenced = new EventLogFencedError(
        `Producer ${this.config.transactionalId} was fenced by a newer one with the same transactional id; ` +
          `this instance no longer owns the log: ${reason}`,
        { cause: error },
      );
      return this.fenced;
    }
    // Before the commit request went out the transaction can only end aborted: nothing visible.
    // Once it went out, the broker may have committed it although we saw an error or a timeout.
    const outcomeUnknown = phase === 'commit';
    const kind = error instanceof TimeoutError ? 'timed out' : 'failed';
    return new EventLogAppendError(
      `Append of ${count} events ${kind} during ${phase}` +
        (outcomeUnknown ? ' (it may have been committed)' : ' (nothing was appended)') +
        `: ${reason}`,
      { cause: error, outcomeUnknown },
    );
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    if (!this.config.transactionalId) {
      throw new EventLogAppendError(
        'This KafkaEventLog is read-only: configure a transactionalId to append',
        {
          outcomeUnknown: false,
        },
      );
    }
    const producer = this.kafka.producer({
      transactionalId: this.config.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: this.config.transactionTimeoutMs,
      allowAutoTopicCreation: false,
      // Bounded (kafkajs's idempotent default is endless): every append is bounded by our own
      // timeout anyway, and a retry loop must not outlive the producer we discard.
      retry: { ...CLIENT_RETRY, retries: 10 },
    });
    try {
      await withTimeout(producer.connect(), this.config.connectTimeoutMs, 'Producer connect');
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw new EventLogUnavailableError(
        `Kafka brokers ${describeBrokers(this.config)} unreachable: ${(error as Error).message}`,
        { cause: error },
      );
    }
    this.producer = producer;
    return producer;
  }

  private async discardProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer)
      await withTimeout(producer.disconnect(), 5000, 'Producer disconnect').catch(() => undefined);
  }
}

/**
 * Offsets are fixed when the records are appended (before the commit): each partition's records
 * of one send form one batch at `baseOffset`, in the order they were given.
 */
function positionsOf(messages: Message[], metadata: RecordMetadata[]): LogPosition[] {
  const base = new Map<number, bigint>();
  for (const record of metadata) {
    if (record.baseOffset === undefined)
      throw new Error(`No base offset for partition ${record.partition}`);
    base.set(record.partition, BigInt(record.baseOffset));
  }
  const seen = new Map<number, bigint>();
  return messages.map(({ partition }) => {
    const p = partition as number;
    const index = seen.get(p) ?? 0n;
    seen.set(p, index + 1n);
    const baseOffset = base.get(p);
    if (baseOffset === undefined) throw new Error(`No record metadata for partition ${p}`);
    return { partition: p, offset: String(baseOffset + index) };
  });
}
