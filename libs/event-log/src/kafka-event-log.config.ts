import { Kafka, logLevel, type ConsumerConfig, type KafkaConfig, type RetryOptions } from 'kafkajs';
import { eventLogLogCreator } from './kafka-errors';

export interface KafkaEventLogConfig {
  /** Brokers to connect to; or pass `kafka`, an existing client (its own retry/log settings apply). */
  brokers?: string[];
  kafka?: Kafka;
  /** Default `portcullis`. */
  clientId?: string;
  /** Default `iam.events`. */
  topic?: string;
  /**
   * Partitions of the topic when this client creates it (default 6). An existing topic keeps its
   * own count, which is what `partitionCount` then reports.
   */
  partitionCount?: number;
  /** Replicas when creating the topic; default: the broker's `default.replication.factor`. */
  replicationFactor?: number;
  /**
   * Transactional id of the producer, needed to append. Whoever initialises it last owns it:
   * an older holder is fenced (its appends fail with `EventLogFencedError`).
   */
  transactionalId?: string;
  /** Consumer group of `subscribe` (default `<clientId>.event-log`): instances share its partitions. */
  groupId?: string;
  /** Bound on reaching the cluster when connecting (default 10 s); past it, EventLogUnavailableError. */
  connectTimeoutMs?: number;
  /** Bound on one append's whole transaction (default 10 s); past it, abort and a fresh producer. */
  appendTimeoutMs?: number;
  /** Broker-side transaction timeout (default 30 s): how long a stuck transaction blocks readers. */
  transactionTimeoutMs?: number;
  /** kafkajs's own logging (default WARN; it logs retriable errors at ERROR, so NOTHING in tests). */
  logLevel?: logLevel;
  /** TLS and SASL, passed through to kafkajs. */
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
  /** For tests: runs inside each append's transaction after the sends, before the commit. */
  beforeCommit?: () => Promise<void>;
}

type OptionalSettings =
  'kafka' | 'transactionalId' | 'replicationFactor' | 'ssl' | 'sasl' | 'beforeCommit';
export type ResolvedKafkaEventLogConfig = Required<Omit<KafkaEventLogConfig, OptionalSettings>> &
  Pick<KafkaEventLogConfig, OptionalSettings>;

export function resolveConfig(config: KafkaEventLogConfig): ResolvedKafkaEventLogConfig {
  if (!config.brokers?.length && !config.kafka) {
    throw new RangeError('KafkaEventLog needs brokers or a kafkajs client');
  }
  const clientId = config.clientId ?? 'portcullis';
  return {
    ...config,
    brokers: config.brokers ?? [],
    clientId,
    topic: config.topic ?? 'iam.events',
    partitionCount: config.partitionCount ?? 6,
    groupId: config.groupId ?? `${clientId}.event-log`,
    connectTimeoutMs: config.connectTimeoutMs ?? 10_000,
    appendTimeoutMs: config.appendTimeoutMs ?? 10_000,
    transactionTimeoutMs: config.transactionTimeoutMs ?? 30_000,
    logLevel: config.logLevel ?? logLevel.WARN,
  };
}

/** For messages: the brokers, or a note that a client was handed in. */
export function describeBrokers(config: ResolvedKafkaEventLogConfig): string {
  return config.brokers.length ? config.brokers.join(',') : 'of the given kafkajs client';
}

/**
 * Quick retries: kafkajs's default first retry of 300 ms turns the CONCURRENT_TRANSACTIONS answer
 * that follows nearly every commit into a 300 ms stall per transaction (kafkajs #1315); the Java
 * client starts at 20 ms. Bounded, so an unreachable cluster fails in seconds rather than minutes.
 */
export const CLIENT_RETRY: RetryOptions = { initialRetryTime: 20, maxRetryTime: 1000, retries: 8 };

export function createKafka(config: ResolvedKafkaEventLogConfig): Kafka {
  if (config.kafka) return config.kafka;
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    ssl: config.ssl,
    sasl: config.sasl,
    logLevel: config.logLevel,
    logCreator: eventLogLogCreator,
    connectionTimeout: 3000,
    requestTimeout: 30_000,
    retry: CLIENT_RETRY,
  });
}

/**
 * Consumer settings for every consumer of the log: read-committed (only committed transactions),
 * session and heartbeat sized for a small busy machine (rebalance loops otherwise, kafkajs #1527),
 * no topic auto-creation (the topic is created up front, with its partition count).
 */
export function consumerConfig(groupId: string, maxWaitTimeInMs: number): ConsumerConfig {
  return {
    groupId,
    readUncommitted: false,
    allowAutoTopicCreation: false,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    rebalanceTimeout: 15_000,
    maxWaitTimeInMs,
    retry: CLIENT_RETRY,
  };
}
