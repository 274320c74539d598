import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { EventEnvelope } from '@portcullis/contracts';
import { DirectoryLock } from './embedded-lock';
import {
  encodeRecord,
  type FileIo,
  nodeFileIo,
  PartitionFile,
  scanPartitionFile,
  type ScannedPartition,
  truncateFileSync,
} from './embedded-partition-file';
import { EmbeddedSubscription } from './embedded-subscription';
import { ChangeSignal } from './change-signal';
import { envelopeProblems } from './envelope-shape';
import {
  EventLogAppendError,
  EventLogClosedError,
  EventLogCorruptError,
  InvalidEventError,
} from './event-log.errors';
import type {
  EventLog,
  LoggedEvent,
  LogPosition,
  SubscribeOptions,
  Subscription,
} from './event-log.port';
import { assertPartition, parseOffset } from './log-offsets';
import { partitionFor } from './partition-for-key';

export const DEFAULT_PARTITION_COUNT = 6;

export interface EmbeddedEventLogOptions {
  /** Directory of the log (the app passes `IAM_DATA_DIR`, default `./data`); created if missing. */
  dir: string;
  /**
   * Partitions of a new log (default 6, like the Kafka topic, so an account keeps its partition
   * when moving between deployments). An existing log keeps the count it was created with.
   */
  partitionCount?: number;
  /** Most events handed to a subscription handler at once (default 500). */
  maxBatchSize?: number;
  /** Disk operations; tests replace them to make a write fail half-way. */
  io?: FileIo;
}

/** What opening the directory had to repair after a crash: torn or incomplete appends dropped. */
export interface RecoveryReport {
  droppedRecords: number;
  droppedBytes: number;
}

interface LogSettings {
  format: 1;
  partitionCount: number;
}

const SETTINGS_FILE = 'event-log.json';

/**
 * The event log of the one-process deployment: a file per partition under `dir`, read into memory
 * at open. An append is durable (fsync) before it resolves and visible all at once; a crash mid-
 * append leaves a tail that the next open drops, so an append is all-or-nothing across restarts
 * too. One process may open a directory at a time (a `LOCK` file enforces it).
 */
export class EmbeddedEventLog implements EventLog {
  readonly partitionCount: number;
  readonly recovery: RecoveryReport;
  private readonly partitions: LoggedEvent[][];
  private readonly files: PartitionFile[];
  private readonly appendedSignals: ChangeSignal[];
  private readonly subscriptions = new Set<EmbeddedSubscription>();
  private readonly lock: DirectoryLock;
  private readonly maxBatchSize: number;
  /** Appends run one at a time, in call order: offsets are assigned and written in that order. */
  private appendQueue: Promise<unknown> = Promise.resolve();
  /** Set when a failed append could not be undone on disk: appending further would build on garbage. */
  private unusable?: Error;
  private closed = false;

  /** Opens (creating if needed) the log in `options.dir`: takes the lock, recovers, loads. */
  constructor(options: EmbeddedEventLogOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.lock = DirectoryLock.acquire(options.dir);
    try {
      this.partitionCount = loadSettings(options.dir, options.partitionCount).partitionCount;
      this.maxBatchSize = options.maxBatchSize ?? 500;
      const paths = Array.from({ length: this.partitionCount }, (_, p) =>
        partitionPath(options.dir, p),
      );
      const scans = paths.map((path) => scanPartitionFile(path));
      this.recovery = recover(paths, scans);
      this.partitions = scans.map((scan, partition) =>
        scan.records.map((record) =>
          deepFreeze({
            position: { partition, offset: String(record.offset) },
            event: record.event,
          }),
        ),
      );
      this.files = paths.map(
        (path, p) => new PartitionFile(path, scans[p].completeBytes, options.io ?? nodeFileIo),
      );
      // New files must survive a crash too: their directory entries are made durable here.
      fsyncDirectory(options.dir);
      this.appendedSignals = paths.map(() => new ChangeSignal());
    } catch (e) {
      this.lock.release();
      throw e;
    }
  }

  partitionFor(accountId: string): number {
    return partitionFor(accountId, this.partitionCount);
  }

  async append(events: EventEnvelope[]): Promise<LogPosition[]> {
    // Everything before the first await runs synchronously, so queue order is call order.
    this.assertOpen();
    events.forEach((event, index) => {
      const problems = envelopeProblems(event);
      if (problems.length) {
        throw new InvalidEventError(
          `Event ${index} is not a valid envelope: ${problems.join('; ')}`,
        );
      }
    });
    // What readers get is what a reopen would read back: the JSON form, not the caller's objects.
    const copies = events.map((event) => JSON.parse(JSON.stringify(event)) as EventEnvelope);
    const run = this.appendQueue.then(() => this.write(copies));
    this.appendQueue = run.catch(() => undefined);
    return run;
  }

  readPartition(partition: number, fromOffset = '0'): AsyncIterable<LoggedEvent> {
    this.assertOpen();
    assertPartition(partition, this.partitionCount);
    const events = this.partitions[partition];
    // The end is fixed now, at call time, not when iteration starts.
    const end = events.length;
    const start = parseOffset(fromOffset, 'fromOffset');
    return (async function* () {
      for (let i = start < BigInt(end) ? Number(start) : end; i < end; i++) yield events[i];
    })();
  }

  async endPositions(): Promise<LogPosition[]> {
    this.assertOpen();
    return this.partitions.map((events, partition) => ({
      partition,
      offset: String(events.length),
    }));
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    const subscription = new EmbeddedSubscription(
      {
        partitionCount: this.partitionCount,
        eventsOf: (partition) => this.partitions[partition],
        appended: (partition) => this.appendedSignals[partition].next(),
      },
      options,
      this.maxBatchSize,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.appendQueue;
    for (const file of this.files) file.close();
    this.lock.release();
  }

  private async write(events: EventEnvelope[]): Promise<LogPosition[]> {
    if (this.closed) throw new EventLogClosedError('Event log is closed');
    if (this.unusable) {
      throw new EventLogAppendError(
        `Event log is unusable: an earlier failed append could not be undone (${this.unusable.message}); restart to recover`,
        { cause: this.unusable },
      );
    }
    if (events.length === 0) return [];

    const batch = { id: randomUUID(), size: events.length };
    const lines = new Map<number, string[]>();
    const positions = events.map((event) => {
      const partition = this.partitionFor(event.accountId);
      const pending = lines.get(partition) ?? [];
      const offset = this.partitions[partition].length + pending.length;
      pending.push(encodeRecord(offset, batch, event));
      lines.set(partition, pending);
      return { partition, offset: String(offset) };
    });

    const touched = [...lines.entries()].sort(([a], [b]) => a - b);
    const sizesBefore = touched.map(([p]) => this.files[p].size);
    try {
      // One write per partition file: the whole append's lines for it in a single buffer.
      for (const [p, text] of touched)
        await this.files[p].append(Buffer.from(text.join(''), 'utf8'));
    } catch (error) {
      this.undo(
        touched.map(([p]) => p),
        sizesBefore,
      );
      throw new EventLogAppendError(
        `Append of ${events.length} events failed, nothing was appended: ${(error as Error).message}`,
        { cause: error },
      );
    }

    // Published in one synchronous step: no reader can observe part of the append.
    events.forEach((event, i) =>
      this.partitions[positions[i].partition].push(
        deepFreeze({ position: { ...positions[i] }, event }),
      ),
    );
    for (const [p] of touched) this.appendedSignals[p].notify();
    return positions;
  }

  private undo(touched: number[], sizesBefore: number[]): void {
    try {
      touched.forEach((p, i) => this.files[p].rollbackTo(sizesBefore[i]));
    } catch (error) {
      // The in-memory view is still right; the next open will drop the incomplete tail.
      this.unusable = error as Error;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventLogClosedError('Event log is closed');
  }
}

function partitionPath(dir: string, partition: number): string {
  return join(dir, `partition-${String(partition).padStart(3, '0')}.log`);
}

/**
 * The partition count is part of the data: changing it would move accounts to other partitions
 * and break "an account's events are in one partition". So it is written once and then enforced.
 */
function loadSettings(dir: string, requested: number | undefined): LogSettings {
  const path = join(dir, SETTINGS_FILE);
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as LogSettings;
    if (requested !== undefined && requested !== stored.partitionCount) {
      throw new EventLogCorruptError(
        `Event log in ${dir} has ${stored.partitionCount} partitions, not the ${requested} requested; ` +
          'the partition count of an existing log cannot change',
      );
    }
    return stored;
  }
  const partitionCount = requested ?? DEFAULT_PARTITION_COUNT;
  if (!Number.isInteger(partitionCount) || partitionCount < 1) {
    throw new RangeError(`partitionCount must be a positive integer, got ${partitionCount}`);
  }
  const settings: LogSettings = { format: 1, partitionCount };
  // Written to a temporary file and renamed: a crash never leaves a half-written settings file.
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(settings));
  fsyncFile(temporary);
  renameSync(temporary, path);
  fsyncDirectory(dir);
  return settings;
}

/**
 * Makes the files all-or-nothing per append after a crash: drops torn last lines, then any append
 * whose records are not all present (the process died between writing its partition files, or
 * mid-write of one). Only the last append can be incomplete, so only file tails are cut.
 */
function recover(paths: string[], scans: ScannedPartition[]): RecoveryReport {
  const tailBatchIds = new Set<string>();
  for (const scan of scans) {
    const last = scan.records.at(-1);
    if (last) tailBatchIds.add(last.batch.id);
  }
  const found = new Map<string, number>();
  for (const scan of scans) {
    for (const record of scan.records) {
      if (tailBatchIds.has(record.batch.id))
        found.set(record.batch.id, (found.get(record.batch.id) ?? 0) + 1);
    }
  }
  const report: RecoveryReport = { droppedRecords: 0, droppedBytes: 0 };
  scans.forEach((scan, p) => {
    let keep = scan.records.length;
    while (keep > 0) {
      const { batch } = scan.records[keep - 1];
      if ((found.get(batch.id) ?? batch.size) >= batch.size) break;
      keep--;
    }
    const keepBytes = keep === 0 ? 0 : scan.records[keep - 1].end;
    if (keepBytes < scan.fileBytes) {
      truncateFileSync(paths[p], keepBytes);
      report.droppedRecords += scan.records.length - keep;
      report.droppedBytes += scan.fileBytes - keepBytes;
      scan.records.length = keep;
      scan.completeBytes = keepBytes;
    }
  });
  return report;
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDirectory(dir: string): void {
  fsyncFile(dir);
}

/** Readers share the stored objects: freezing them makes a handler that mutates one fail loudly. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
