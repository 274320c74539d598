import type { EventEnvelope } from '@portcullis/contracts';

/** Where one event sits in the log: a partition and an offset within it. */
export interface LogPosition {
  partition: number;
  /** Decimal string: Kafka offsets are int64. */
  offset: string;
}

/** An event as read back from the log, with the position it was written at. */
export interface LoggedEvent {
  position: LogPosition;
  event: EventEnvelope;
}

export interface SubscribeOptions {
  /**
   * Positions to resume after, per partition (exclusive): delivery starts at the first event
   * after each given offset. Partitions not named start from the beginning.
   */
  after?: LogPosition[];
  /** Called for each committed event, in log order per partition; awaited before the next. */
  handler: (batch: LoggedEvent[]) => Promise<void>;
}

export interface Subscription {
  close(): Promise<void>;
}

/**
 * The event log: append-only, partitioned by account id, the source of truth.
 * Contract (see event-log.conformance.ts, run against every adapter):
 * - all events of one account land in one partition, in append order;
 * - `append` is atomic: either every event of the call becomes visible or none does;
 * - readers see only committed events, each exactly at the position `append` returned;
 * - `endPositions` is the position after the last committed event of each partition.
 */
export interface EventLog {
  readonly partitionCount: number;
  partitionFor(accountId: string): number;
  append(events: EventEnvelope[]): Promise<LogPosition[]>;
  /** Reads every committed event of a partition from `fromOffset` (inclusive) up to `endPositions` at call time. */
  readPartition(partition: number, fromOffset?: string): AsyncIterable<LoggedEvent>;
  /** Next offset to be written per partition (read-committed), i.e. one past the last stable record. */
  endPositions(): Promise<LogPosition[]>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
