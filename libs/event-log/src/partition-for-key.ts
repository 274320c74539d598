/**
 * Which partition a keyed record lands in, computed exactly as kafkajs's DefaultPartitioner (the
 * Java client's `Utils.murmur2` + `toPositive(hash) % numPartitions`) does for a message with a key.
 * The embedded log uses it so both adapters put an account in the same partition, and the command
 * side uses it to know which partition (and therefore which single writer) owns an account.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/**
 * Murmur2, 32-bit, as in Kafka's Java client. `Math.imul` keeps every product in signed 32 bits,
 * which is what Java's int arithmetic (and the low 32 bits kafkajs keeps) gives.
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const length4 = length >>> 2;

  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4] | (data[i4 + 1] << 8) | (data[i4 + 2] << 16) | (data[i4 + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }

  // The Java original falls through from case 3 to case 1; written out here without fallthrough.
  const tail = length & ~3;
  const rest = length % 4;
  if (rest === 3) h ^= data[tail + 2] << 16;
  if (rest >= 2) h ^= data[tail + 1] << 8;
  if (rest >= 1) {
    h ^= data[tail];
    h = Math.imul(h, M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not `Math.abs`, which differs for negatives). */
function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/**
 * The partition of `accountId` in a topic of `partitionCount` partitions. The key is encoded as
 * UTF-8, as kafkajs does for a string key.
 */
export function partitionFor(accountId: string, partitionCount: number): number {
  if (!Number.isInteger(partitionCount) || partitionCount < 1) {
    throw new RangeError(`partitionCount must be a positive integer, got ${partitionCount}`);
  }
  return toPositive(murmur2(Buffer.from(accountId, 'utf8'))) % partitionCount;
}
