import type { DeadLetterReason } from './dead-letters/dead-letters.port';

export interface BatchReport {
  partition: number;
  /** Records in the batch. */
  events: number;
  applied: number;
  /** At or below the account's stored sequence: applied before (redelivery). */
  skipped: number;
  deadLettered: number;
  documentsRead: number;
  documentsWritten: number;
  /** Offset after the batch: the partition's checkpoint once the batch is stored. */
  nextOffset: string;
  durationMs: number;
}

/** Counters of a projector since it started (a metrics endpoint can expose them as they are). */
export interface ProjectorMetricsSnapshot {
  batches: number;
  eventsApplied: number;
  eventsSkipped: number;
  deadLettered: number;
  deadLetteredByReason: Record<DeadLetterReason, number>;
  /** Documents read from the store (cache misses), and served by the projector's cache. */
  documentsRead: number;
  cacheHits: number;
  documentsWritten: number;
  lastBatch: BatchReport | null;
}

export class ProjectorMetrics {
  private readonly counters: ProjectorMetricsSnapshot = {
    batches: 0,
    eventsApplied: 0,
    eventsSkipped: 0,
    deadLettered: 0,
    deadLetteredByReason: { undecodable: 0, 'unknown-type': 0, 'projection-failed': 0 },
    documentsRead: 0,
    cacheHits: 0,
    documentsWritten: 0,
    lastBatch: null,
  };

  snapshot(): ProjectorMetricsSnapshot {
    return structuredClone(this.counters);
  }

  deadLetter(reason: DeadLetterReason): number {
    this.counters.deadLettered++;
    this.counters.deadLetteredByReason[reason]++;
    return this.counters.deadLettered;
  }

  read(fromStore: number, fromCache: number): void {
    this.counters.documentsRead += fromStore;
    this.counters.cacheHits += fromCache;
  }

  batch(report: BatchReport): void {
    this.counters.batches++;
    this.counters.eventsApplied += report.applied;
    this.counters.eventsSkipped += report.skipped;
    this.counters.documentsWritten += report.documentsWritten;
    this.counters.lastBatch = report;
  }
}
