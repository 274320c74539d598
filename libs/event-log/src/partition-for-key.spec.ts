import fc from 'fast-check';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { partitionFor } from './partition-for-key';

/** What kafkajs itself decides for a keyed message on a topic of `count` partitions, all led. */
function kafkajsPartition(key: string, count: number): number {
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: count }, (_, id) => ({
    partitionId: id,
    leader: 1,
    partitionErrorCode: 0,
    replicas: [1],
    isr: [1],
  }));
  const partitioner = Partitioners.DefaultPartitioner();
  return partitioner({ topic: 'iam.events', partitionMetadata, message: { key, value: null } });
}

describe('partitionFor', () => {
  it('matches kafkajs DefaultPartitioner for account-like ids', () => {
    for (let i = 0; i < 5000; i++) {
      const accountId = String(100000000000 + i * 7919).padStart(12, '0');
      for (const count of [1, 3, 6, 12, 64]) {
        expect(partitionFor(accountId, count)).toBe(kafkajsPartition(accountId, count));
      }
    }
  });

  it('matches kafkajs for arbitrary unicode keys of every length modulo 4', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.integer({ min: 1, max: 500 }),
        (key, count) => {
          expect(partitionFor(key, count)).toBe(kafkajsPartition(key, count));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('is within range and stable', () => {
    expect(partitionFor('', 6)).toBe(kafkajsPartition('', 6));
    expect(partitionFor('123456789012', 6)).toBe(partitionFor('123456789012', 6));
    expect(partitionFor('x', 1)).toBe(0);
  });

  it('rejects a partition count that is not a positive integer', () => {
    expect(() => partitionFor('a', 0)).toThrow(RangeError);
    expect(() => partitionFor('a', 1.5)).toThrow(RangeError);
  });
});
