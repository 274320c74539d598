import type { LogPosition } from './event-log.port';

/**
 * Errors an event log raises. Each carries a stable `code` so callers (the app's startup, the
 * command side, the projector) can react without matching on messages.
 */
export abstract class EventLogError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The log cannot be reached (Kafka brokers down or unreachable) within the configured bound. */
export class EventLogUnavailableError extends EventLogError {
  readonly code = 'EventLogUnavailable';
}

/**
 * Another writer took over this log's transactional id (a newer owner of the partition): this
 * instance must stop appending. Recreating the producer would fence the new owner in turn, so the
 * adapter refuses every further append; the caller gives up ownership and rebuilds.
 */
export class EventLogFencedError extends EventLogError {
  readonly code = 'EventLogFenced';
}

/**
 * An append did not complete (timeout, broker error, failed write). Nothing of it is visible,
 * except when `outcomeUnknown`: the commit itself timed out or failed on the way back, so Kafka may
 * have committed it. The caller then finds out by reading the partition (e.g. by commandId).
 */
export class EventLogAppendError extends EventLogError {
  readonly code = 'EventLogAppendFailed';
  readonly outcomeUnknown: boolean;
  constructor(message: string, options: { cause?: unknown; outcomeUnknown?: boolean } = {}) {
    super(message, options);
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/** The log was closed; no further appends, reads or subscriptions. */
export class EventLogClosedError extends EventLogError {
  readonly code = 'EventLogClosed';
}

/** An event handed to `append` is not a well-formed envelope; nothing was appended. */
export class InvalidEventError extends EventLogError {
  readonly code = 'InvalidEvent';
}

/** The embedded log's directory is held by another process (or another instance in this one). */
export class EventLogLockedError extends EventLogError {
  readonly code = 'EventLogLocked';
}

/** The embedded log's files are damaged beyond a torn tail, or disagree with their settings. */
export class EventLogCorruptError extends EventLogError {
  readonly code = 'EventLogCorrupt';
}

/** The raw bytes of a record that could not be decoded, as the projector needs them for a DLQ. */
export interface RawRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
}

/**
 * A record in the log that is not a readable event envelope. It carries where it sits and its raw
 * bytes, so a consumer can park it (dead-letter queue) and move on past `position`.
 */
export class EventDecodeError extends EventLogError {
  readonly code = 'EventDecodeFailed';
  constructor(
    readonly position: LogPosition,
    readonly raw: RawRecord,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Undecodable record at partition ${position.partition} offset ${position.offset}: ${reason}`,
      options,
    );
  }
}
