import { encodeConsistencyToken } from '@portcullis/contracts';
import type { EventLog } from '@portcullis/event-log';
import type {
  Checkpoint,
  ReadModelKind,
  ReadModelStore,
  ReadModelWrite,
} from '@portcullis/read-models';
import { isAfter, planReplay, type PartitionPlan, type ReplayBound } from './replay-bound';
import { ReplayFold, type SkippedRecord } from './replay-fold';
import { EventLogReplayReader, type ReplayReader } from './replay-reader';
import { type ReplayWriteOptions, writeReplayResult } from './replay-writer';

/** The target of a replay already holds read models: replay builds a fresh database only. */
export class ReplayTargetNotEmptyError extends Error {
  override readonly name = 'ReplayTargetNotEmptyError';
}

export interface ReplayProgress {
  phase: 'read' | 'write';
  /** read: log records passed (events, markers, parked records) of `total`; write: documents. */
  done: number;
  total: number;
  /** Events folded so far. */
  events: number;
}

export interface ReplayOptions {
  /** The event log (end positions); read through `reader`. */
  log: EventLog;
  /** Default: `EventLogReplayReader` on `log`. */
  reader?: ReplayReader;
  /** An empty store; never the live one (the caller picks it; see replay-target.ts). */
  target: ReadModelStore;
  bound?: ReplayBound;
  onProgress?: (progress: ReplayProgress) => void;
  write?: Omit<ReplayWriteOptions, 'onWritten'>;
}

export interface ReplayReport {
  /** Events folded (applied, redelivered or rejected by the projection). */
  events: number;
  applied: number;
  redelivered: number;
  /** Records the live projector parks in the DLQ: left out here too. */
  skipped: readonly SkippedRecord[];
  documents: Record<ReadModelKind, number>;
  accounts: number;
  checkpoints: Checkpoint[];
  /** The positions replayed to, as a token (`--to` with it replays the same events). */
  position: string;
  /** Wall time of reading (decode included, fold excluded), folding and writing. */
  timings: { readMs: number; foldMs: number; writeMs: number; totalMs: number };
}

/**
 * Rebuilds every read model from the start of the event log into an empty store: reads each
 * partition up to the bound, folds it in memory with the live projection's code and rules
 * (ReplayFold), then writes the final documents in bulk, the account sequences and, per
 * partition, the checkpoint the live projector would hold having applied exactly those records.
 * Nothing is written before the whole fold succeeded, so a failed read leaves the target empty.
 */
export async function replay(options: ReplayOptions): Promise<ReplayReport> {
  const started = performance.now();
  const bound = options.bound ?? { kind: 'end' };
  const { target } = options;
  if ((await target.getCheckpoints()).length > 0) {
    throw new ReplayTargetNotEmptyError(
      'the target already holds read models (it has checkpoints): replay into a fresh database',
    );
  }
  const plans = planReplay(bound, await options.log.endPositions());
  const reader = options.reader ?? new EventLogReplayReader(options.log);

  const fold = new ReplayFold();
  const covered = new Map<number, bigint>(); // per partition: records before it are folded
  const total = Number(plans.reduce((sum, p) => sum + p.readEnd, 0n));
  let events = 0;
  let foldMs = 0;
  const report = (phase: ReplayProgress['phase'], done: number, of: number) =>
    options.onProgress?.({ phase, done, total: of, events });
  const recordsDone = () => Number([...covered.values()].reduce((s, o) => s + o, 0n));

  const stoppedAt = new Map<number, bigint>();
  await reader.read(plans, {
    onEvents(partition, batch) {
      const t = performance.now();
      try {
        for (const item of batch) {
          // Per partition, stop at the first event later than a time bound; the rest is later.
          if (isAfter(bound, item.event.occurredAt)) {
            stoppedAt.set(partition, BigInt(item.position.offset));
            return false;
          }
          fold.apply(item);
          events++;
        }
        return true;
      } finally {
        foldMs += performance.now() - t;
      }
    },
    onUndecodable(error) {
      fold.skipUndecodable(error.position, error.message);
    },
    onProgress(partition, nextOffset) {
      if (stoppedAt.has(partition)) return;
      if (nextOffset > (covered.get(partition) ?? 0n)) covered.set(partition, nextOffset);
      report('read', recordsDone(), total);
    },
  });
  const readFoldMs = performance.now() - started;

  const checkpoints = checkpointsOf(plans, stoppedAt);
  const writes = fold.writes();
  const w0 = performance.now();
  report('write', 0, writes.length);
  await writeReplayResult(
    target,
    { writes, accountSequences: fold.accountSequences(), checkpoints },
    { ...options.write, onWritten: (n) => report('write', n, writes.length) },
  );
  const writeMs = performance.now() - w0;

  return {
    events,
    applied: fold.applied,
    redelivered: fold.redelivered,
    skipped: fold.skipped,
    documents: countByKind(writes),
    accounts: fold.accountSequences().size,
    checkpoints,
    position: encodeConsistencyToken(
      checkpoints.map((c) => ({
        partition: c.partition,
        offset: (BigInt(c.nextOffset) - 1n).toString(),
      })),
    ),
    timings: {
      readMs: readFoldMs - foldMs,
      foldMs,
      writeMs,
      totalMs: performance.now() - started,
    },
  };
}

/**
 * Per partition, the next offset after what was replayed: the plan's end, or the first event
 * past a time bound. Records before it were all handled (events folded; markers and parked
 * records passed), which is what a live checkpoint there says. Partitions with nothing replayed
 * get none, as the live projector stores none before its first record.
 */
function checkpointsOf(
  plans: readonly PartitionPlan[],
  stoppedAt: ReadonlyMap<number, bigint>,
): Checkpoint[] {
  return plans
    .map((p) => ({ partition: p.partition, next: stoppedAt.get(p.partition) ?? p.readEnd }))
    .filter((c) => c.next > 0n)
    .map((c) => ({ partition: c.partition, nextOffset: c.next.toString() }));
}

function countByKind(writes: readonly ReadModelWrite[]): Record<ReadModelKind, number> {
  const counts: Record<ReadModelKind, number> = {
    principal: 0,
    group: 0,
    groupMembers: 0,
    policy: 0,
    accessKey: 0,
  };
  for (const w of writes) if ('put' in w) counts[w.put]++;
  return counts;
}
