import {
  decodeConsistencyToken,
  encodeConsistencyToken,
  InvalidConsistencyTokenError,
} from '@portcullis/contracts';
import type { LogPosition } from '@portcullis/event-log';

/**
 * How far a replay goes:
 * - `end`: every committed event, up to the end positions taken when the replay starts;
 * - `token`: a consistency token (`"p:offset,…"`, what the write side returns): on each partition
 *   it names, every record up to and including that offset; partitions it does not name are not
 *   replayed (a token covers no event of them);
 * - `time`: an ISO 8601 instant: on every partition, the events up to the first one whose
 *   `occurredAt` is later (that one and everything after it are left out).
 */
export type ReplayBound =
  | { kind: 'end' }
  | { kind: 'token'; token: string; offsets: ReadonlyMap<number, bigint> }
  | { kind: 'time'; text: string; at: Date };

/** `--to` was neither a consistency token nor an ISO 8601 instant, or names positions not in the log. */
export class InvalidReplayBoundError extends Error {
  override readonly name = 'InvalidReplayBoundError';
}

const TOKEN = /^\s*\d+:\d+(\s*,\s*\d+:\d+)*\s*$/;
// A date, or a date and time with a zone: without a zone "12:00" would silently mean this machine's
// time zone, which differs between the machine that wrote the events and the one replaying them.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const USAGE =
  'expected a consistency token ("<partition>:<offset>[,…]", as the write side returns) or an ' +
  'ISO 8601 instant with a zone ("2026-01-31T12:00:00Z", or a date "2026-01-31" for its start in UTC)';

/** Parses `--to`; absent or empty means the end of the log. */
export function parseReplayBound(text: string | undefined): ReplayBound {
  if (text === undefined || text.trim() === '') return { kind: 'end' };
  const trimmed = text.trim();
  if (TOKEN.test(trimmed)) {
    let positions;
    try {
      positions = decodeConsistencyToken(trimmed);
    } catch (error) {
      if (error instanceof InvalidConsistencyTokenError)
        throw new InvalidReplayBoundError(`--to "${text}": ${USAGE}`);
      throw error;
    }
    const offsets = new Map<number, bigint>();
    for (const { partition, offset } of positions) {
      const o = BigInt(offset);
      // A partition named twice: the token covers the later position (as encodeConsistencyToken keeps).
      if ((offsets.get(partition) ?? -1n) < o) offsets.set(partition, o);
    }
    return { kind: 'token', token: encodeConsistencyToken(positions), offsets };
  }
  if (ISO_DATE.test(trimmed) || ISO_INSTANT.test(trimmed)) {
    const at = new Date(ISO_DATE.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
    // Date accepts 2026-02-31 (it rolls over to March); only a date that prints back is real.
    const datePart = trimmed.slice(0, 10);
    if (Number.isNaN(at.getTime()) || !sameCalendarDate(datePart, trimmed, at)) {
      throw new InvalidReplayBoundError(`--to "${text}": not a real date or time`);
    }
    return { kind: 'time', text: trimmed, at };
  }
  throw new InvalidReplayBoundError(`--to "${text}": ${USAGE}`);
}

/** Whether the calendar date written equals the date parsed (in the zone written). */
function sameCalendarDate(datePart: string, text: string, at: Date): boolean {
  const zone = /(Z|[+-]\d{2}:\d{2})$/.exec(text)?.[1] ?? 'Z';
  const offsetMinutes =
    zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  return local.toISOString().slice(0, 10) === datePart;
}

/** What to read of one partition: records before `readEnd` (exclusive); 0 = nothing. */
export interface PartitionPlan {
  partition: number;
  readEnd: bigint;
}

/**
 * The offsets to read per partition for `bound`, given the log's end positions. A token that
 * names a partition the log lacks, or an offset at or past a partition's end (an event not
 * written yet), is refused: replaying it would silently give something else.
 */
export function planReplay(bound: ReplayBound, ends: readonly LogPosition[]): PartitionPlan[] {
  const endOf = new Map(ends.map((e) => [e.partition, BigInt(e.offset)]));
  if (bound.kind !== 'token') {
    return ends.map((e) => ({ partition: e.partition, readEnd: BigInt(e.offset) }));
  }
  for (const [partition, offset] of bound.offsets) {
    const end = endOf.get(partition);
    if (end === undefined) {
      throw new InvalidReplayBoundError(
        `--to ${bound.token}: the event log has no partition ${partition} (it has ${ends.length})`,
      );
    }
    if (offset >= end) {
      throw new InvalidReplayBoundError(
        `--to ${bound.token}: offset ${offset} of partition ${partition} is not in the log yet ` +
          `(its next offset is ${end})`,
      );
    }
  }
  return ends.map((e) => {
    const offset = bound.offsets.get(e.partition);
    return { partition: e.partition, readEnd: offset === undefined ? 0n : offset + 1n };
  });
}

/** Whether an event at this instant is past a time bound (compared as instants, not strings). */
export function isAfter(bound: ReplayBound, occurredAt: string): boolean {
  if (bound.kind !== 'time') return false;
  const t = Date.parse(occurredAt);
  // An unreadable occurredAt cannot be placed in time: it is kept, as the live projector keeps it.
  return !Number.isNaN(t) && t > bound.at.getTime();
}

/** One line for people: what the bound means. */
export function describeBound(bound: ReplayBound): string {
  switch (bound.kind) {
    case 'end':
      return 'the end of the log';
    case 'token':
      return `token ${bound.token}`;
    case 'time':
      return `${bound.at.toISOString()} (events that occurred later are left out)`;
  }
}
