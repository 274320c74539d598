import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { EventEnvelope } from '@portcullis/contracts';
import { EventDecodeError } from './event-log.errors';
import { decodeRecord, encodeEvent } from './kafka-event-codec';

const envelope: EventEnvelope = {
  eventId: 'e-1',
  type: 'iam.user-created.v1',
  accountId: '123456789012',
  sequence: 7,
  occurredAt: '2026-01-02T03:04:05.000Z',
  actor: 'arn:aws:iam::123456789012:root',
  commandId: 'c-1',
  correlationId: 'r-1',
  payload: { userName: 'alice' },
};

/** A record as kafkajs hands it to a consumer: Buffers for key, value and headers. */
function asConsumed(
  message: ReturnType<typeof encodeEvent>,
  offset = '41',
): KafkaMessage & { headers: IHeaders } {
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(message.headers ?? {}))
    headers[name] = Buffer.from(String(value));
  return {
    key: Buffer.from(String(message.key)),
    value: message.value === null ? null : Buffer.from(String(message.value)),
    headers,
    offset,
    timestamp: '0',
    attributes: 0,
  };
}

describe('kafka event codec', () => {
  it('keys by account, sets the partition, carries routing headers and decodes back to the same envelope', () => {
    const message = encodeEvent(envelope, 4);
    expect(message.key).toBe('123456789012');
    expect(message.partition).toBe(4);
    expect(message.headers).toMatchObject({
      type: 'iam.user-created.v1',
      eventId: 'e-1',
      accountId: '123456789012',
      sequence: '7',
    });
    expect(decodeRecord(asConsumed(message), 4)).toEqual({
      position: { partition: 4, offset: '41' },
      event: envelope,
    });
  });

  it.each([
    ['no value', { value: null }, /no value/],
    ['a value that is not JSON', { value: Buffer.from('{oops') }, /not JSON/],
    [
      'JSON that is not an envelope',
      { value: Buffer.from('{"type":"x"}') },
      /not an event envelope/,
    ],
    [
      'headers that disagree with the value',
      { headers: { type: Buffer.from('iam.other.v1') } },
      /header type=iam.other.v1 disagrees/,
    ],
  ])(
    'turns a record with %s into an EventDecodeError with its position and raw bytes',
    (_, change, reason) => {
      const record = { ...asConsumed(encodeEvent(envelope, 2), '9'), ...change };
      const decoded = decodeRecord(record, 2);
      expect(decoded).toBeInstanceOf(EventDecodeError);
      const error = decoded as EventDecodeError;
      expect(error.position).toEqual({ partition: 2, offset: '9' });
      expect(error.message).toMatch(reason);
      expect(error.raw.value).toEqual(record.value);
      expect(error.raw.key?.toString()).toBe('123456789012');
    },
  );
});
