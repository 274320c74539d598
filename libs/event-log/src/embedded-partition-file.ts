import {
  closeSync,
  fdatasync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  write,
} from 'node:fs';
import { promisify } from 'node:util';
import type { EventEnvelope } from '@portcullis/contracts';
import { envelopeProblems } from './envelope-shape';
import { EventLogCorruptError } from './event-log.errors';

/**
 * One partition of the embedded log on disk: an append-only file of JSON lines,
 *   {"offset":0,"batch":{"id":"…","size":2},"event":{…envelope…}}
 * Each line names the append (batch) it came from and how many events that append held across all
 * partitions, so recovery can tell a complete append from one a crash cut short.
 */

export interface BatchTag {
  id: string;
  /** Events in the whole append, across partitions. */
  size: number;
}

export interface StoredRecord {
  offset: number;
  batch: BatchTag;
  event: EventEnvelope;
  /** Byte range of the line (newline included), for truncating an incomplete tail. */
  start: number;
  end: number;
}

export interface ScannedPartition {
  records: StoredRecord[];
  /** Bytes of complete lines; anything after is a torn write. */
  completeBytes: number;
  fileBytes: number;
}

export function encodeRecord(offset: number, batch: BatchTag, event: EventEnvelope): string {
  return `${JSON.stringify({ offset, batch, event })}\n`;
}

/**
 * Reads a partition file. A last line without its newline, or one that does not parse, is a torn
 * write (the process died mid-append) and is left out; damage anywhere else is corruption and
 * fails loudly rather than silently dropping acknowledged events.
 */
export function scanPartitionFile(path: string): ScannedPartition {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return { records: [], completeBytes: 0, fileBytes: 0 };
    }
    throw e;
  }
  const records: StoredRecord[] = [];
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const isLast = newline === -1 || newline === bytes.length - 1;
    if (newline === -1) break; // torn: no newline yet
    const parsed = parseLine(bytes.subarray(start, newline).toString('utf8'));
    if (typeof parsed === 'string') {
      if (isLast) break; // torn: the newline landed but the line is damaged
      throw new EventLogCorruptError(`${path}: line at byte ${start} is unreadable (${parsed})`);
    }
    if (parsed.offset !== records.length) {
      throw new EventLogCorruptError(
        `${path}: expected offset ${records.length} at byte ${start}, found ${parsed.offset}`,
      );
    }
    records.push({ ...parsed, start, end: newline + 1 });
    start = newline + 1;
  }
  return { records, completeBytes: start, fileBytes: bytes.length };
}

/** A parsed line, or the reason it is unreadable. */
function parseLine(line: string): Omit<StoredRecord, 'start' | 'end'> | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return (e as Error).message;
  }
  if (typeof value !== 'object' || value === null) return 'not an object';
  const { offset, batch, event } = value as Record<string, unknown>;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset)) return 'bad offset';
  if (!isBatchTag(batch)) return 'bad batch tag';
  const problems = envelopeProblems(event);
  if (problems.length) return `bad envelope: ${problems.join(', ')}`;
  return { offset, batch, event: event as EventEnvelope };
}

function isBatchTag(value: unknown): value is BatchTag {
  if (typeof value !== 'object' || value === null) return false;
  const { id, size } = value as Record<string, unknown>;
  return (
    typeof id === 'string' && typeof size === 'number' && Number.isSafeInteger(size) && size > 0
  );
}

/** Cuts a file to `size` bytes and makes that durable (recovery, and undoing a failed append). */
export function truncateFileSync(path: string, size: number): void {
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, size);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The two disk operations an append needs; replaceable so tests can make a write fail half-way. */
export interface FileIo {
  /** Writes all of `data` at the end of the file. */
  append(fd: number, data: Buffer): Promise<void>;
  /** Returns once the file's data is on stable storage. */
  sync(fd: number): Promise<void>;
}

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);

export const nodeFileIo: FileIo = {
  async append(fd, data) {
    // write(2) may write less than asked; loop until everything is out.
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await writeAsync(fd, data, written, data.length - written, null);
      written += bytesWritten;
    }
  },
  // fdatasync also flushes the file size, which is all the metadata an append changes.
  sync: (fd) => fdatasyncAsync(fd),
};

/** An open partition file: appends at the end, and can roll back to a previous size. */
export class PartitionFile {
  private readonly fd: number;

  constructor(
    readonly path: string,
    /** Bytes of complete records; the file has been cut to this by recovery. */
    public size: number,
    private readonly io: FileIo,
  ) {
    // O_APPEND: every write lands at the current end, also after a rollback's truncation.
    this.fd = openSync(path, 'a');
  }

  async append(data: Buffer): Promise<void> {
    await this.io.append(this.fd, data);
    await this.io.sync(this.fd);
    this.size += data.length;
  }

  /** Undoes a failed append: cuts the file back to `size` bytes, durably. Throws if it cannot. */
  rollbackTo(size: number): void {
    ftruncateSync(this.fd, size);
    fsyncSync(this.fd);
    this.size = size;
  }

  close(): void {
    closeSync(this.fd);
  }
}
