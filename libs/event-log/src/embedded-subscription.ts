import type { LoggedEvent, SubscribeOptions, Subscription } from './event-log.port';
import { backoffMs, ChangeSignal, sleep } from './change-signal';
import { startOffsets } from './log-offsets';

/** What a subscription needs from the embedded log: its in-memory partitions and their wake-ups. */
export interface EmbeddedLogView {
  readonly partitionCount: number;
  eventsOf(partition: number): readonly LoggedEvent[];
  /** Settles at the next append to `partition`. */
  appended(partition: number): Promise<void>;
}

/**
 * Delivers the embedded log to a handler: one loop per partition, each catching up from its start
 * offset and then parking until the next append. The handler is awaited, so a partition's events
 * are handled strictly in order; partitions proceed independently, as Kafka partitions do.
 */
export class EmbeddedSubscription implements Subscription {
  private stopping = false;
  private readonly stopped = new ChangeSignal();
  private readonly loops: Promise<void>[];

  constructor(
    private readonly log: EmbeddedLogView,
    private readonly options: SubscribeOptions,
    private readonly maxBatchSize: number,
    private readonly onClosed: (subscription: EmbeddedSubscription) => void,
  ) {
    // Offsets of the embedded log are array indexes: contiguous from 0 and far below 2^53.
    const starts = startOffsets(options.after, log.partitionCount).map(Number);
    this.loops = starts.map((start, partition) => this.deliver(partition, start));
  }

  async close(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.stopped.notify();
    }
    await Promise.all(this.loops);
    this.onClosed(this);
  }

  private async deliver(partition: number, start: number): Promise<void> {
    let next = start;
    let failures = 0;
    const stop = this.stopped.next();
    while (!this.stopping) {
      const events = this.log.eventsOf(partition);
      if (next >= events.length) {
        // Checked and parked in the same tick as the append that would wake us: no lost wake-up.
        await Promise.race([this.log.appended(partition), stop]);
        continue;
      }
      const batch = events.slice(next, next + this.maxBatchSize);
      try {
        await this.options.handler(batch);
        next += batch.length;
        failures = 0;
        await this.progress(partition, next);
      } catch (error) {
        this.report(error, partition);
        await sleep(backoffMs(failures++), stop);
      }
    }
  }

  private async progress(partition: number, next: number): Promise<void> {
    try {
      await this.options.onProgress?.(partition, String(next));
    } catch (error) {
      this.report(error, partition);
    }
  }

  private report(error: unknown, partition: number): void {
    try {
      this.options.onError?.(error, partition);
    } catch {
      // A failing error reporter must not stop delivery.
    }
  }
}
