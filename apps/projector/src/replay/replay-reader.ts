import { EventDecodeError, type EventLog, type LoggedEvent } from '@portcullis/event-log';
import type { PartitionPlan } from './replay-bound';

/** Where a reader hands what it reads; called synchronously, partition by partition in order. */
export interface ReplayReadHandler {
  /**
   * Events of one partition, in log order, all before its plan's `readEnd`. Answers false once
   * the partition needs nothing more (a time bound was passed): the reader stops it.
   */
  onEvents(partition: number, events: readonly LoggedEvent[]): boolean;
  /** A record that is no event envelope (the live projector parks it in the DLQ). */
  onUndecodable(error: EventDecodeError): void;
  /** Everything of the partition before `nextOffset` has been handed over (for progress). */
  onProgress(partition: number, nextOffset: bigint): void;
}

/** Reads partitions of the event log from their start up to a plan, for a replay. */
export interface ReplayReader {
  read(plans: readonly PartitionPlan[], handler: ReplayReadHandler): Promise<void>;
}

const BATCH = 1000;

/**
 * The portable reader: `EventLog.readPartition` for every partition at once. Right for the
 * embedded log (memory) and correct on Kafka, where each partition read joins a consumer group
 * of its own and an undecodable record ends a read (resumed after it); `KafkaReplayReader` is the
 * fast path there.
 */
export class EventLogReplayReader implements ReplayReader {
  constructor(private readonly log: EventLog) {}

  async read(plans: readonly PartitionPlan[], handler: ReplayReadHandler): Promise<void> {
    await Promise.all(
      plans.filter((p) => p.readEnd > 0n).map((plan) => this.readPartition(plan, handler)),
    );
  }

  private async readPartition(plan: PartitionPlan, handler: ReplayReadHandler): Promise<void> {
    const { partition, readEnd } = plan;
    let from = 0n;
    let batch: LoggedEvent[] = [];
    // Hands the batch over; false when the handler wants no more of this partition.
    const flush = (): boolean => {
      if (batch.length === 0) return true;
      const last = batch[batch.length - 1].position.offset;
      const more = handler.onEvents(partition, batch);
      batch = [];
      handler.onProgress(partition, BigInt(last) + 1n);
      return more;
    };
    reading: while (from < readEnd) {
      try {
        for await (const item of this.log.readPartition(partition, from.toString())) {
          const offset = BigInt(item.position.offset);
          if (offset >= readEnd) break reading;
          batch.push(item);
          from = offset + 1n;
          if (batch.length >= BATCH && !flush()) return;
        }
        break;
      } catch (error) {
        if (!(error instanceof EventDecodeError)) throw error;
        if (!flush()) return;
        if (BigInt(error.position.offset) >= readEnd) break;
        handler.onUndecodable(error);
        from = BigInt(error.position.offset) + 1n;
        handler.onProgress(partition, from);
      }
    }
    if (!flush()) return;
    handler.onProgress(partition, readEnd);
  }
}
