import type { Checkpoint, PrincipalDocument, ReadModelStore } from './read-model-store.port';

/** In-process read models for the embedded deployment and for fast tests. */
export class MemoryReadModelStore implements ReadModelStore {
  private readonly principals = new Map<string, PrincipalDocument>();
  private readonly accounts = new Map<string, number>();
  private readonly checkpoints = new Map<number, bigint>();

  async getPrincipal(arn: string): Promise<PrincipalDocument | null> {
    const doc = this.principals.get(arn);
    return doc ? structuredClone(doc) : null;
  }

  async putPrincipal(doc: PrincipalDocument): Promise<void> {
    this.principals.set(doc._id, structuredClone(doc));
  }

  async getAccountSequence(accountId: string): Promise<number> {
    return this.accounts.get(accountId) ?? 0;
  }

  async advanceAccountSequence(accountId: string, sequence: number): Promise<void> {
    if (sequence > (this.accounts.get(accountId) ?? 0)) this.accounts.set(accountId, sequence);
  }

  async getCheckpoints(): Promise<Checkpoint[]> {
    return [...this.checkpoints.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partition, o]) => ({ partition, nextOffset: o.toString() }));
  }

  async advanceCheckpoint({ partition, nextOffset }: Checkpoint): Promise<void> {
    const next = BigInt(nextOffset);
    const seen = this.checkpoints.get(partition);
    if (seen === undefined || next > seen) this.checkpoints.set(partition, next);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
