import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { EventEnvelope } from '@portcullis/contracts';
import { envelopeProblems } from './envelope-shape';
import { EventDecodeError, type RawRecord } from './event-log.errors';
import type { LoggedEvent } from './event-log.port';

/**
 * How an event sits in a Kafka record: key = account id (so Kafka's own partitioner and log
 * compaction tools agree with us), value = the envelope as JSON (the source of truth), and the
 * envelope's routing fields as headers, so a consumer can filter or route without parsing values.
 */

const HEADER_FIELDS = [
  'type',
  'eventId',
  'accountId',
  'sequence',
  'commandId',
  'correlationId',
] as const;

export function encodeEvent(event: EventEnvelope, partition: number): Message {
  const headers: IHeaders = { 'content-type': 'application/json' };
  for (const field of HEADER_FIELDS) headers[field] = String(event[field]);
  return { key: event.accountId, value: JSON.stringify(event), partition, headers };
}

/** The event a record holds, or an `EventDecodeError` carrying the record's position and bytes. */
export function decodeRecord(
  message: KafkaMessage,
  partition: number,
): LoggedEvent | EventDecodeError {
  const position = { partition, offset: message.offset };
  const fail = (reason: string, cause?: unknown): EventDecodeError =>
    new EventDecodeError(position, rawRecord(message), reason, { cause });

  if (!message.value) return fail('record has no value');
  let value: unknown;
  try {
    value = JSON.parse(message.value.toString('utf8'));
  } catch (e) {
    return fail(`value is not JSON (${(e as Error).message})`, e);
  }
  const problems = envelopeProblems(value);
  if (problems.length) return fail(`value is not an event envelope: ${problems.join('; ')}`);
  const event = value as EventEnvelope;
  // Headers are a copy for routing; if they disagree with the value, the record was not written by us.
  const headers = rawRecord(message).headers;
  for (const field of ['type', 'accountId'] as const) {
    const header = headers[field]?.toString('utf8');
    if (header !== undefined && header !== event[field]) {
      return fail(`header ${field}=${header} disagrees with the value's ${field}=${event[field]}`);
    }
  }
  return { position, event };
}

function rawRecord(message: KafkaMessage): RawRecord {
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    // kafkajs gives a header as Buffer, or an array of Buffers when the name repeats; keep the first.
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = Buffer.isBuffer(first) ? first : Buffer.from(first);
  }
  return { key: message.key, value: message.value, headers };
}
