import type { IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DeadLetter, DeadLetterReason, DeadLetters } from './dead-letters.port';

/**
 * Headers a dead letter adds to the record it parks (the record's own key, value and headers are
 * kept as they were, as Kafka Connect's DLQ does).
 */
export const DLQ_HEADERS = {
  reason: 'dlq.reason',
  error: 'dlq.error',
  errorCode: 'dlq.error-code',
  topic: 'dlq.source.topic',
  partition: 'dlq.source.partition',
  offset: 'dlq.source.offset',
  parkedAt: 'dlq.parked-at',
} as const;

export interface KafkaDeadLettersOptions {
  kafka: Kafka;
  /** Default `iam.events.dlq`. */
  topic?: string;
  /** Partitions when this client creates the topic (default 1: dead letters are rare). */
  partitionCount?: number;
}

/** Dead letters on a Kafka topic, written by an idempotent producer with acks from all replicas. */
export class KafkaDeadLetters implements DeadLetters {
  private constructor(
    private readonly producer: Producer,
    readonly topic: string,
  ) {}

  /** Creates the topic if missing (never relying on auto-creation) and connects a producer. */
  static async connect(options: KafkaDeadLettersOptions): Promise<KafkaDeadLetters> {
    const topic = options.topic ?? 'iam.events.dlq';
    const admin = options.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [
          {
            topic,
            numPartitions: options.partitionCount ?? 1,
            configEntries: [{ name: 'retention.ms', value: '-1' }],
          },
        ],
        waitForLeaders: true,
      });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    const producer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    return new KafkaDeadLetters(producer, topic);
  }

  async publish(letter: DeadLetter): Promise<void> {
    const headers: IHeaders = { ...letter.record.headers };
    headers[DLQ_HEADERS.reason] = letter.reason;
    headers[DLQ_HEADERS.error] = letter.error;
    if (letter.errorCode) headers[DLQ_HEADERS.errorCode] = letter.errorCode;
    headers[DLQ_HEADERS.topic] = letter.source.topic;
    headers[DLQ_HEADERS.partition] = String(letter.source.partition);
    headers[DLQ_HEADERS.offset] = letter.source.offset;
    headers[DLQ_HEADERS.parkedAt] = letter.parkedAt;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: [{ key: letter.record.key, value: letter.record.value, headers }],
    });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** Reads a dead letter back from a record of the DLQ topic (tools, tests). */
export function decodeDeadLetter(message: KafkaMessage): DeadLetter {
  const all: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) all[name] = Buffer.isBuffer(first) ? first : Buffer.from(first);
  }
  const header = (name: string) => all[name]?.toString('utf8');
  const original: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(all))
    if (!name.startsWith('dlq.')) original[name] = value;
  const errorCode = header(DLQ_HEADERS.errorCode);
  return {
    reason: header(DLQ_HEADERS.reason) as DeadLetterReason,
    error: header(DLQ_HEADERS.error) ?? '',
    ...(errorCode !== undefined && { errorCode }),
    source: {
      topic: header(DLQ_HEADERS.topic) ?? '',
      partition: Number(header(DLQ_HEADERS.partition)),
      offset: header(DLQ_HEADERS.offset) ?? '',
    },
    record: { key: message.key, value: message.value, headers: original },
    parkedAt: header(DLQ_HEADERS.parkedAt) ?? '',
  };
}
