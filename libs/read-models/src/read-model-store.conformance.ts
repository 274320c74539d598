import type { PrincipalDocument, ReadModelStore } from './read-model-store.port';

const principal = (over: Partial<PrincipalDocument> = {}): PrincipalDocument => ({
  _id: 'arn:aws:iam::123456789012:user/alice',
  accountId: '123456789012',
  principalType: 'user',
  name: 'alice',
  principalId: 'AIDAEXAMPLE0000000000',
  path: '/',
  createDate: '2026-01-01T00:00:00.000Z',
  inlinePolicies: [],
  sequence: 1,
  ...over,
});

/**
 * One behavioural suite for every ReadModelStore adapter. `factory` gives a store over empty
 * collections; `cleanup` runs after each test.
 */
export function runReadModelStoreConformance(
  name: string,
  factory: () => Promise<ReadModelStore>,
): void {
  describe(`ReadModelStore conformance: ${name}`, () => {
    let store: ReadModelStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    it('answers null for an unknown principal', async () => {
      expect(await store.getPrincipal('arn:aws:iam::123456789012:user/nobody')).toBeNull();
    });

    it('reads back what it wrote, policy names with dots included', async () => {
      const doc = principal({
        inlinePolicies: [{ name: 'read.only', document: '{"Version":"2012-10-17"}' }],
      });
      await store.putPrincipal(doc);
      expect(await store.getPrincipal(doc._id)).toEqual(doc);
    });

    it('replaces a document by _id', async () => {
      await store.putPrincipal(principal());
      const updated = principal({ inlinePolicies: [{ name: 'p', document: '{}' }], sequence: 2 });
      await store.putPrincipal(updated);
      expect(await store.getPrincipal(updated._id)).toEqual(updated);
    });

    it('does not let a caller mutate a stored document through the returned object', async () => {
      await store.putPrincipal(principal());
      const read = await store.getPrincipal(principal()._id);
      read!.inlinePolicies.push({ name: 'x', document: '{}' });
      expect((await store.getPrincipal(principal()._id))!.inlinePolicies).toEqual([]);
    });

    it('moves account sequences forward only', async () => {
      expect(await store.getAccountSequence('123456789012')).toBe(0);
      await store.advanceAccountSequence('123456789012', 5);
      await store.advanceAccountSequence('123456789012', 3);
      expect(await store.getAccountSequence('123456789012')).toBe(5);
      expect(await store.getAccountSequence('210987654321')).toBe(0);
    });

    it('moves checkpoints forward only, per partition, with int64 offsets', async () => {
      expect(await store.getCheckpoints()).toEqual([]);
      await store.advanceCheckpoint({ partition: 1, nextOffset: '9' });
      await store.advanceCheckpoint({ partition: 1, nextOffset: '10' });
      await store.advanceCheckpoint({ partition: 1, nextOffset: '8' });
      await store.advanceCheckpoint({ partition: 0, nextOffset: '9007199254740993' });
      expect(await store.getCheckpoints()).toEqual([
        { partition: 0, nextOffset: '9007199254740993' },
        { partition: 1, nextOffset: '10' },
      ]);
    });
  });
}
