import { logLevel, type logCreator } from 'kafkajs';

/** kafkajs wraps broker errors (retries exceeded, protocol errors): look through `cause` chains. */
function errorChain(error: unknown): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && chain.length < 10) {
    const record = current as Record<string, unknown>;
    chain.push(record);
    current = record.cause ?? record.originalError;
  }
  return chain;
}

/**
 * True when a newer producer with our transactional id exists. Brokers answer INVALID_PRODUCER_EPOCH
 * to kafkajs's request versions; PRODUCER_FENCED (code 90, newer versions) is unknown to kafkajs
 * and arrives as "Unknown error code 90".
 */
export function isFencingError(error: unknown): boolean {
  return errorChain(error).some(
    (e) =>
      e.type === 'INVALID_PRODUCER_EPOCH' ||
      e.type === 'PRODUCER_FENCED' ||
      (e.type === 'KAFKAJS_UNKNOWN_ERROR_CODE' && /\b90\b/.test(String(e.message))),
  );
}

/** kafkajs's warning for any bounded idempotent retry count; ours is bounded on purpose. */
const EXPECTED_WARNINGS = [/Limiting retries for the idempotent producer/];

/**
 * kafkajs logging as one line per entry on stderr, without the warning above (our appends are
 * bounded by our own timeout and a fresh producer, which keeps the transactional guarantees).
 */
export const eventLogLogCreator: logCreator =
  () =>
  ({ namespace, level, label, log }) => {
    const { message, ...extra } = log;
    if (level === logLevel.WARN && EXPECTED_WARNINGS.some((pattern) => pattern.test(message)))
      return;
    process.stderr.write(`${JSON.stringify({ level: label, namespace, message, ...extra })}\n`);
  };
