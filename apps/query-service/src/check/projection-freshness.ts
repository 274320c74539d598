import {
  decodeConsistencyToken,
  encodeConsistencyToken,
  TokenPosition,
} from '@portcullis/contracts';
import type { EventLog, LogPosition } from '@portcullis/event-log';
import type { ReadModelStore } from '@portcullis/read-models';

export class StaleProjectionError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Read-your-writes: waits until the projection has passed a token, or the end of the log,
 * polling the stored checkpoints with a short backoff, bounded by a deadline.
 */
export class ProjectionFreshness {
  constructor(
    private readonly store: ReadModelStore,
    private readonly log: EventLog,
  ) {}

  /** A token naming what the projection has passed: usable as `at_least_as_fresh` later. */
  async current(): Promise<string> {
    const checkpoints = await this.store.getCheckpoints();
    return encodeConsistencyToken(
      checkpoints
        .filter((c) => BigInt(c.nextOffset) > 0n)
        .map((c) => ({ partition: c.partition, offset: (BigInt(c.nextOffset) - 1n).toString() })),
    );
  }

  /** `at_least_as_fresh`: every position of the token has been applied. */
  async waitFor(token: string, deadline: number): Promise<void> {
    const wanted = decodeConsistencyToken(token);
    await this.poll(deadline, `the projection has not reached ${token}`, async () => {
      const next = await this.nextOffsets();
      return wanted.every((w: TokenPosition) => (next.get(w.partition) ?? 0n) > BigInt(w.offset));
    });
  }

  /** `fully_consistent`: the projection has caught up with the end of the log as it is now. */
  async waitForEnd(deadline: number): Promise<void> {
    const end = await this.log.endPositions();
    await this.poll(deadline, 'the projection has not caught up with the event log', async () => {
      const next = await this.nextOffsets();
      const behind = end.filter((e) => (next.get(e.partition) ?? 0n) < BigInt(e.offset));
      // A partition that ends in an aborted transaction has no event for the projector to pass:
      // it is caught up when nothing committed lies between its checkpoint and the end.
      for (const e of behind)
        if (!(await this.nothingBetween(e, next.get(e.partition) ?? 0n))) return false;
      return true;
    });
  }

  private async nothingBetween(end: LogPosition, from: bigint): Promise<boolean> {
    for await (const event of this.log.readPartition(end.partition, from.toString())) {
      if (BigInt(event.position.offset) < BigInt(end.offset)) return false;
      break;
    }
    return true;
  }

  private async nextOffsets(): Promise<Map<number, bigint>> {
    return new Map(
      (await this.store.getCheckpoints()).map((c) => [c.partition, BigInt(c.nextOffset)]),
    );
  }

  private async poll(
    deadline: number,
    what: string,
    passed: () => Promise<boolean>,
  ): Promise<void> {
    let delay = 2;
    for (;;) {
      if (await passed()) return;
      if (Date.now() + delay > deadline)
        throw new StaleProjectionError(`${what} before the deadline`);
      await sleep(delay);
      delay = Math.min(delay * 2, 50);
    }
  }
}
