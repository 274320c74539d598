import type { EventEnvelope } from '@portcullis/contracts';

/**
 * Structural check of an event envelope. The log refuses to store a malformed envelope (so every
 * reader can trust the shape) and flags a malformed record read back as undecodable rather than
 * handing it on. Returns the problems found; an empty list means well-formed.
 */
export function envelopeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return ['not an object'];
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of ['eventId', 'type', 'accountId', 'actor', 'commandId', 'correlationId']) {
    if (typeof record[field] !== 'string' || record[field] === '') {
      problems.push(`${field} must be a non-empty string`);
    }
  }
  if (typeof record.occurredAt !== 'string' || Number.isNaN(Date.parse(record.occurredAt))) {
    problems.push('occurredAt must be an ISO 8601 date');
  }
  const sequence = record.sequence;
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 1) {
    problems.push('sequence must be a positive integer');
  }
  if (!('payload' in record) || record.payload === undefined) {
    problems.push('payload is missing');
  }
  return problems;
}

export function isEventEnvelope(value: unknown): value is EventEnvelope {
  return envelopeProblems(value).length === 0;
}
