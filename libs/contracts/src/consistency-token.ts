/**
 * A consistency token names log positions, one per partition: `"<partition>:<offset>"`, comma
 * separated. A reader has passed the token once, on every partition named, it has applied the
 * record at that offset. Offsets are decimal strings because Kafka offsets are int64.
 */
export interface TokenPosition {
  partition: number;
  offset: string;
}

const PART = /^(\d+):(\d+)$/;

export function encodeConsistencyToken(positions: readonly TokenPosition[]): string {
  const latest = new Map<number, bigint>();
  for (const p of positions) {
    const o = BigInt(p.offset);
    const seen = latest.get(p.partition);
    if (seen === undefined || o > seen) latest.set(p.partition, o);
  }
  return [...latest.entries()]
    .sort(([a], [b]) => a - b)
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join(',');
}

export function decodeConsistencyToken(token: string): TokenPosition[] {
  if (token.trim() === '') return [];
  return token.split(',').map((part) => {
    const m = PART.exec(part.trim());
    if (!m) throw new InvalidConsistencyTokenError(token);
    return { partition: Number(m[1]), offset: m[2] };
  });
}

export class InvalidConsistencyTokenError extends Error {
  constructor(readonly token: string) {
    super(`Invalid consistency token "${token}": expected "<partition>:<offset>[,...]".`);
  }
}
