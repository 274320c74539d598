import type { EventEnvelope } from '@portcullis/contracts';
import type { EventDecodeError } from './event-log.errors';

/** Where one event sits in the log: a partition and an offset within it. */
export interface LogPosition {
  partition: number;
  /**
   * Decimal string: Kafka offsets are int64. Offsets grow within a partition but need not be
   * contiguous (on Kafka, transaction markers and aborted records occupy offsets), so "has a reader
   * passed O" means "its next offset is greater than O", never "it has seen O + 1".
   */
  offset: string;
}

/** An event as read back from the log, with the position it was written at. */
export interface LoggedEvent {
  position: LogPosition;
  event: EventEnvelope;
}

export interface SubscribeOptions {
  /**
   * Subscriptions with the same group share the partitions between them (a Kafka consumer group:
   * how projector instances divide the work); each group gets every event. Default: the adapter's
   * configured group. Give a subscription that must see every partition in every instance (e.g. a
   * cache invalidator) a group of its own. The embedded log runs one process: every subscription
   * gets all partitions.
   */
  group?: string;
  /**
   * Positions to resume after, per partition (exclusive): delivery starts at the first event
   * after each given offset. Partitions not named start from the beginning. Nothing at or before a
   * given position is ever delivered by this subscription.
   */
  after?: LogPosition[];
  /**
   * Called with committed events, in log order per partition (each batch holds one partition's
   * events); awaited before that partition moves on. Partitions are delivered independently and may
   * run concurrently. If the handler rejects, the same events are delivered again after a short
   * back-off (at-least-once; handlers must be idempotent), and `onError` is told.
   */
  handler: (batch: LoggedEvent[]) => Promise<void>;
  /**
   * Called, in log order, for a record that is not a readable envelope; once it resolves the record
   * counts as handled (e.g. parked in a DLQ). Without it an undecodable record stops its partition
   * (retried, reported to `onError`): the log is the source of truth, nothing is skipped silently.
   */
  onDecodeError?: (error: EventDecodeError) => Promise<void>;
  /**
   * Told of each failed delivery (handler rejection, undecodable record without `onDecodeError`),
   * with its partition; and of transport failures (e.g. a Kafka consumer crash, before kafkajs
   * restarts it), without one.
   */
  onError?: (error: unknown, partition?: number) => void;
  /**
   * Told, after delivery, the next offset this subscription will read on a partition: everything
   * before it has been handled or was not an event (Kafka transaction markers, aborted records).
   * A reader has caught up with `endPositions()` when this reaches it. Failures are reported to
   * `onError` and do not stop delivery.
   */
  onProgress?: (partition: number, nextOffset: string) => Promise<void>;
}

export interface Subscription {
  /** Stops delivery; resolves once no handler call is running. Do not await it inside the handler. */
  close(): Promise<void>;
}

/**
 * The event log: append-only, partitioned by account id, the source of truth.
 * Contract (see event-log.conformance.ts, run against every adapter):
 * - all events of one account land in one partition, `partitionFor(accountId)`, in append order;
 * - `append` is atomic: either every event of the call becomes visible or none does;
 * - readers see only committed events, each exactly at the position `append` returned;
 * - `endPositions` is the position after the last committed event of each partition.
 *
 * Adapters: `EmbeddedEventLog` (files, one process) and `KafkaEventLog` (topic `iam.events`).
 */
export interface EventLog {
  readonly partitionCount: number;
  /** The partition that holds (and will hold) every event of `accountId`. */
  partitionFor(accountId: string): number;
  /**
   * Appends all events atomically, each to its account's partition, keeping their order within an
   * account. Resolves once the events are durable and visible to readers (on Kafka: the end
   * position has passed them; bounded by the append timeout should an older open transaction hold
   * the partition back), with one position per event in the order given. Appends made together
   * run one at a time, in call order. Rejects with `InvalidEventError` (malformed envelope),
   * `EventLogAppendError` (nothing became visible, unless its `outcomeUnknown` says the commit
   * itself failed on the way back), `EventLogFencedError` (another writer took over: stop
   * writing) or `EventLogClosedError`.
   */
  append(events: EventEnvelope[]): Promise<LogPosition[]>;
  /**
   * Reads every committed event of a partition from `fromOffset` (inclusive) up to its end
   * position as of the start of the read (embedded: the call; Kafka: the first `next()`), then
   * ends. An undecodable record makes the iteration throw an `EventDecodeError`
   * carrying its position; resume from the next offset to skip it.
   */
  readPartition(partition: number, fromOffset?: string): AsyncIterable<LoggedEvent>;
  /**
   * Next offset to be written per partition (read-committed), i.e. one past the last stable
   * record, for every partition in partition order. A reader has caught up with partition P when
   * its next offset on P is at least this.
   */
  endPositions(): Promise<LogPosition[]>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Stops every subscription, waits for a running append, releases files or connections. */
  close(): Promise<void>;
}
