import type { Checkpoint, ReadModelStore, ReadModelWrite } from '@portcullis/read-models';

export interface ReplayWriteOptions {
  /** Documents per `bulkWrite` call (the store splits further per collection). Default 5,000. */
  batchSize?: number;
  /** `bulkWrite` calls in flight at once. Default 4. */
  parallelism?: number;
  /** Told after each batch is stored: documents written so far. */
  onWritten?: (written: number) => void;
}

/**
 * Stores a replay's result in the order the live projector stores a batch: documents, then
 * account sequences, then checkpoints. A reader that trusts checkpoints (the query service
 * waiting for a token) therefore never sees a checkpoint before the documents it covers.
 *
 * Every document is new to the (empty) target, so every put carries `created` and goes in as a
 * plain insert: the cheap path on FerretDB, which is slow at replacing existing documents.
 */
export async function writeReplayResult(
  target: ReadModelStore,
  result: {
    writes: readonly ReadModelWrite[];
    accountSequences: ReadonlyMap<string, number>;
    checkpoints: readonly Checkpoint[];
  },
  options: ReplayWriteOptions = {},
): Promise<void> {
  const batchSize = options.batchSize ?? 5000;
  const parallelism = options.parallelism ?? 4;
  const { writes } = result;
  let next = 0;
  let written = 0;
  const worker = async (): Promise<void> => {
    while (next < writes.length) {
      const batch = writes.slice(next, (next += batchSize));
      await target.bulkWrite(batch);
      written += batch.length;
      options.onWritten?.(written);
    }
  };
  await Promise.all(Array.from({ length: parallelism }, worker));

  const accounts = [...result.accountSequences];
  for (let i = 0; i < accounts.length; i += 64) {
    await Promise.all(
      accounts
        .slice(i, i + 64)
        .map(([account, sequence]) => target.advanceAccountSequence(account, sequence)),
    );
  }
  for (const checkpoint of result.checkpoints) await target.advanceCheckpoint(checkpoint);
}
