import type { EventLog } from '@portcullis/event-log';
import { READ_MODEL_KINDS, type ReadModelKind } from '@portcullis/read-models';
import type { ReadModelSnapshot } from './read-model-snapshot';

/** Which of the two compared sides: `a` (the live read models) or `b` (the replay). */
export type Side = 'a' | 'b';

export interface FieldDifference {
  field: string;
  /** undefined: the field is absent on that side. */
  a: unknown;
  b: unknown;
}

export type ReadModelDifference =
  | { kind: ReadModelKind; id: string; onlyIn: Side }
  | { kind: ReadModelKind; id: string; fields: FieldDifference[] }
  | { kind: 'account'; id: string; a: number | undefined; b: number | undefined }
  | { kind: 'checkpoint'; partition: number; a: string | undefined; b: string | undefined };

export interface VerifyReport {
  labels: { a: string; b: string };
  /** Documents (or accounts, checkpoints) looked at, per kind, both sides together, each once. */
  compared: Record<ReadModelKind | 'account' | 'checkpoint', number>;
  differences: ReadModelDifference[];
}

/** Answers whether the log holds no event in [from, to) of a partition (markers do not count). */
export type EventGapCheck = (partition: number, from: bigint, to: bigint) => Promise<boolean>;

/**
 * Compares two sets of read models document by document: every kind, every `_id` on either
 * side, field by field (values compared as data: key order ignored, array order kept); then the
 * account sequences and the per-partition checkpoints.
 *
 * Two checkpoints that differ may still cover the same events: offsets between them can be Kafka
 * transaction markers, which a live projector passes or not depending on how its fetches fell.
 * Given `noEventsBetween` (see `noEventsBetweenIn`), such a pair is not reported.
 */
export async function verifyReadModels(
  a: ReadModelSnapshot,
  b: ReadModelSnapshot,
  options: { noEventsBetween?: EventGapCheck } = {},
): Promise<VerifyReport> {
  const differences: ReadModelDifference[] = [];
  const compared = {
    principal: 0,
    group: 0,
    groupMembers: 0,
    policy: 0,
    accessKey: 0,
    account: 0,
    checkpoint: 0,
  };

  for (const kind of READ_MODEL_KINDS) {
    const [left, right] = await Promise.all([a.documents(kind), b.documents(kind)]);
    const byId = new Map<string, Record<string, unknown>>();
    for (const doc of left) byId.set(doc._id, doc as unknown as Record<string, unknown>);
    for (const doc of right) {
      compared[kind]++;
      const other = byId.get(doc._id);
      if (!other) {
        differences.push({ kind, id: doc._id, onlyIn: 'b' });
        continue;
      }
      byId.delete(doc._id);
      const fields = fieldDifferences(other, doc as unknown as Record<string, unknown>);
      if (fields.length) differences.push({ kind, id: doc._id, fields });
    }
    for (const id of byId.keys()) {
      compared[kind]++;
      differences.push({ kind, id, onlyIn: 'a' });
    }
  }

  const [seqA, seqB] = await Promise.all([a.accountSequences(), b.accountSequences()]);
  for (const id of new Set([...seqA.keys(), ...seqB.keys()])) {
    compared.account++;
    if (seqA.get(id) !== seqB.get(id))
      differences.push({ kind: 'account', id, a: seqA.get(id), b: seqB.get(id) });
  }

  const [cpA, cpB] = await Promise.all([a.checkpoints(), b.checkpoints()]);
  const nextA = new Map(cpA.map((c) => [c.partition, c.nextOffset]));
  const nextB = new Map(cpB.map((c) => [c.partition, c.nextOffset]));
  const partitions = [...new Set([...nextA.keys(), ...nextB.keys()])].sort((x, y) => x - y);
  for (const partition of partitions) {
    compared.checkpoint++;
    const [x, y] = [nextA.get(partition), nextB.get(partition)];
    if (x === y) continue;
    const [low, high] = [BigInt(x ?? '0'), BigInt(y ?? '0')].sort((p, q) => (p < q ? -1 : 1));
    if (options.noEventsBetween && (await options.noEventsBetween(partition, low, high))) continue;
    differences.push({ kind: 'checkpoint', partition, a: x, b: y });
  }

  return { labels: { a: a.label, b: b.label }, compared, differences };
}

/** Top-level fields whose values differ (absent and undefined are the same). */
export function fieldDifferences(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!sameValue(a[field], b[field])) out.push({ field, a: a[field], b: b[field] });
  }
  return out;
}

/** Deep equality of JSON-like data: object key order ignored, array order kept. */
export function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    return (
      Array.isArray(x) &&
      Array.isArray(y) &&
      x.length === y.length &&
      x.every((item, i) => sameValue(item, y[i]))
    );
  }
  const ox = x as Record<string, unknown>;
  const oy = y as Record<string, unknown>;
  const keys = new Set([...Object.keys(ox), ...Object.keys(oy)]);
  for (const key of keys) if (!sameValue(ox[key], oy[key])) return false;
  return true;
}

/**
 * `EventGapCheck` over an event log: reads the partition from `from` and looks at the first event.
 * On Kafka each check is a short read (a consumer group join), so it runs only for the
 * checkpoints that differ.
 */
export function noEventsBetweenIn(log: EventLog): EventGapCheck {
  return async (partition, from, to) => {
    for await (const item of log.readPartition(partition, from.toString())) {
      return BigInt(item.position.offset) >= to;
    }
    return true;
  };
}

const MAX_VALUE = 160;

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** One line per difference, naming the sides by their labels. */
export function formatDifference(d: ReadModelDifference, labels: VerifyReport['labels']): string {
  if (d.kind === 'checkpoint') {
    return `checkpoint partition ${d.partition}: ${labels.a} ${d.a ?? '(none)'}, ${labels.b} ${d.b ?? '(none)'}`;
  }
  if (d.kind === 'account') {
    return `account ${d.id} sequence: ${labels.a} ${d.a ?? '(none)'}, ${labels.b} ${d.b ?? '(none)'}`;
  }
  if ('onlyIn' in d) {
    return `${d.kind} ${d.id}: only in ${labels[d.onlyIn]} (missing from ${labels[d.onlyIn === 'a' ? 'b' : 'a']})`;
  }
  const fields = d.fields
    .map((f) => `${f.field} (${labels.a} ${show(f.a)}, ${labels.b} ${show(f.b)})`)
    .join('; ');
  return `${d.kind} ${d.id}: fields differ: ${fields}`;
}
