import type { RawRecord } from '@portcullis/event-log';

/**
 * Why a record of the event log was parked instead of projected:
 * - `undecodable`: not an event envelope (bad JSON, missing fields, headers that disagree);
 * - `unknown-type`: an envelope of a type this projector does not know;
 * - `projection-failed`: the projection rejected it (a payload it cannot use).
 */
export type DeadLetterReason = 'undecodable' | 'unknown-type' | 'projection-failed';

/** A parked record: what it was, where it was, and why it could not be projected. */
export interface DeadLetter {
  reason: DeadLetterReason;
  /** The error's message. */
  error: string;
  /** The error's stable code, when it has one (`EventDecodeFailed`, `InvalidEventPayload`, …). */
  errorCode?: string;
  /** Where the record sits in the event log. */
  source: { topic: string; partition: number; offset: string };
  /** The record as the log holds it (so it can be inspected, repaired and re-appended). */
  record: RawRecord;
  /** ISO 8601. */
  parkedAt: string;
}

/**
 * Where the projector parks poison records (`iam.events.dlq`), then moves on. At least once: a
 * record may be parked twice if the projector restarts before its checkpoint moves past it.
 * Adapters: `KafkaDeadLetters` (a topic) and `EmbeddedDeadLetters` (a JSON-lines file, or memory).
 */
export interface DeadLetters {
  /** Resolves once the letter is durable; rejects otherwise (the projector then retries the batch). */
  publish(letter: DeadLetter): Promise<void>;
  close(): Promise<void>;
}
