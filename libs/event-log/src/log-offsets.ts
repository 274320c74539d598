import type { LogPosition } from './event-log.port';

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** Parses a decimal offset string (the port's representation of Kafka's int64 offsets). */
export function parseOffset(offset: string, what = 'offset'): bigint {
  if (typeof offset !== 'string' || !DECIMAL.test(offset)) {
    throw new RangeError(`${what} must be a non-negative decimal string, got ${String(offset)}`);
  }
  return BigInt(offset);
}

export function assertPartition(partition: number, partitionCount: number): void {
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitionCount) {
    throw new RangeError(
      `partition must be an integer in [0, ${partitionCount}), got ${partition}`,
    );
  }
}

/**
 * The first offset to deliver per partition for a subscription resuming `after` the given
 * positions (exclusive). Unnamed partitions start at 0; a partition named twice resumes after the
 * later position.
 */
export function startOffsets(after: LogPosition[] | undefined, partitionCount: number): bigint[] {
  const next = Array.from({ length: partitionCount }, () => 0n);
  for (const { partition, offset } of after ?? []) {
    assertPartition(partition, partitionCount);
    const candidate = parseOffset(offset, `after[partition ${partition}].offset`) + 1n;
    if (candidate > next[partition]) next[partition] = candidate;
  }
  return next;
}
