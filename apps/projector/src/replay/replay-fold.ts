import type { LoggedEvent, LogPosition } from '@portcullis/event-log';
import type { ReadModelWrite } from '@portcullis/read-models';
import type { DeadLetterReason } from '../dead-letters/dead-letters.port';
import { applyEventAtomically, ProjectionWorkspace, UnknownEventTypeError } from '../projection';

/** A record the live projector would have parked in the DLQ; replay leaves it out the same way. */
export interface SkippedRecord {
  reason: DeadLetterReason;
  position: LogPosition;
  error: string;
}

/**
 * The whole log folded in memory with the live projection's rules, so the result is what the
 * live projector stores (ReadModelProjector.project):
 * - per account, an event at or below the highest sequence seen is a redelivery: skipped;
 * - each event is applied all or nothing; one the projection rejects (unknown type, bad payload)
 *   is left out, and the account's sequence still moves past it (the live projector parks it in
 *   the DLQ and moves on);
 * - undecodable records are left out (parked by the live projector, no sequence to move).
 * The workspace is `complete`: a replay starts from an empty store, so a document never seen is
 * known not to exist and nothing is ever read.
 */
export class ReplayFold {
  private readonly ws = new ProjectionWorkspace({ complete: true });
  private readonly sequences = new Map<string, number>();
  private readonly skippedRecords: SkippedRecord[] = [];
  applied = 0;
  /** At or below the account's sequence: delivered twice in the log (a retried append). */
  redelivered = 0;

  /** Folds one partition's events, in log order. */
  apply(item: LoggedEvent): void {
    const { accountId, sequence } = item.event;
    if (sequence <= (this.sequences.get(accountId) ?? 0)) {
      this.redelivered++;
      return;
    }
    this.sequences.set(accountId, sequence);
    try {
      applyEventAtomically(this.ws, item.event);
      this.applied++;
    } catch (error) {
      this.skippedRecords.push({
        reason: error instanceof UnknownEventTypeError ? 'unknown-type' : 'projection-failed',
        position: item.position,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** A record that is no event envelope. */
  skipUndecodable(position: LogPosition, error: string): void {
    this.skippedRecords.push({ reason: 'undecodable', position, error });
  }

  get skipped(): readonly SkippedRecord[] {
    return this.skippedRecords;
  }

  /** The final documents, each an insert (the target is empty). */
  writes(): ReadModelWrite[] {
    return this.ws.writes();
  }

  /** Highest sequence per account: what the live projector stores with `advanceAccountSequence`. */
  accountSequences(): ReadonlyMap<string, number> {
    return this.sequences;
  }
}
