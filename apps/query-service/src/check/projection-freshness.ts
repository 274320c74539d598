import {
  decodeConsistencyToken,
  encodeConsistencyToken,
  TokenPosition,
} from '@portcullis/contracts';
import type { ReadModelStore } from '@portcullis/read-models';

export class StaleProjectionError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Read-your-writes: waits until the projection has applied every position of a token, polling
 * the stored checkpoints with a short backoff, bounded by a deadline.
 */
export class ProjectionFreshness {
  constructor(private readonly store: ReadModelStore) {}

  /** The token of what the projection has applied so far. */
  async current(): Promise<string> {
    const checkpoints = await this.store.getCheckpoints();
    return encodeConsistencyToken(
      checkpoints.map((c) => ({ partition: c.partition, offset: c.appliedThrough })),
    );
  }

  async waitFor(token: string, deadline: number): Promise<void> {
    const wanted = decodeConsistencyToken(token);
    let delay = 5;
    for (;;) {
      if (await this.hasPassed(wanted)) return;
      if (Date.now() + delay > deadline) {
        throw new StaleProjectionError(
          `the projection has not reached ${token} before the deadline`,
        );
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 100);
    }
  }

  private async hasPassed(wanted: TokenPosition[]): Promise<boolean> {
    const applied = new Map(
      (await this.store.getCheckpoints()).map((c) => [c.partition, BigInt(c.appliedThrough)]),
    );
    return wanted.every((w) => (applied.get(w.partition) ?? -1n) >= BigInt(w.offset));
  }
}
