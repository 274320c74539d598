import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IamError } from '@portcullis/domain';
import { IsOptionalParameter } from '../../shared/iam-request.decorators';

/** AWS's `Marker` pattern, `[\u0020-\u00FF]+`. */
const MARKER_PATTERN = /^[\u0020-\u00FF]+$/;
export const DEFAULT_MAX_ITEMS = 100;

/** `Marker` and `MaxItems`, as every paginated AWS read takes them. */
export class PageRequestDto {
  /** Opaque: the `Marker` of the previous, truncated reply. */
  @IsOptionalParameter()
  @IsString()
  @Length(1, 1024)
  @Matches(MARKER_PATTERN, { message: '$property must be the Marker of a previous reply' })
  Marker?: string;

  /** 1–1000, default 100. */
  @IsOptionalParameter()
  @IsInt()
  @Min(1)
  @Max(1000)
  MaxItems?: number;
}

/** AWS's pagination members of a reply. */
export interface PageInfo {
  IsTruncated: boolean;
  /** Present only when truncated: pass it as `Marker` to get the next page. */
  Marker?: string;
}

/** A sort key: compared element by element; strings by code unit, numbers numerically. */
export type SortKey = readonly (string | number)[];

export interface PageOrder<T> {
  key(item: T): SortKey;
  /** Newest-first lists (policy versions) sort their key descending. */
  descending?: boolean;
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

const invalidMarker = (): IamError =>
  new IamError('ValidationError', 'Invalid Marker: pass the Marker of the previous reply.');

function encodeMarker(key: SortKey): string {
  return Buffer.from(JSON.stringify({ after: key }), 'utf8').toString('base64url');
}

function decodeMarker(marker: string): SortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
  } catch {
    throw invalidMarker();
  }
  const after = (parsed as { after?: unknown } | null)?.after;
  if (
    !Array.isArray(after) ||
    !after.every((k) => typeof k === 'string' || typeof k === 'number')
  ) {
    throw invalidMarker();
  }
  return after;
}

/**
 * One page of `items` in the order `order` defines. The Marker names the sort key of the last
 * item returned, not a position: the next page starts after that key, so users created or deleted
 * between two calls neither repeat nor shift what follows (an item inserted before the marker is
 * simply not seen, as with AWS).
 */
export function paginate<T>(
  items: Iterable<T>,
  order: PageOrder<T>,
  request: Pick<PageRequestDto, 'Marker' | 'MaxItems'>,
): { items: T[]; page: PageInfo } {
  const sign = order.descending ? -1 : 1;
  const keyed = [...items]
    .map((item) => ({ item, key: order.key(item) }))
    .sort((a, b) => sign * compareKeys(a.key, b.key));
  let start = 0;
  if (request.Marker !== undefined) {
    const after = decodeMarker(request.Marker);
    start = keyed.findIndex((k) => sign * compareKeys(k.key, after) > 0);
    if (start < 0) start = keyed.length;
  }
  const max = request.MaxItems ?? DEFAULT_MAX_ITEMS;
  const slice = keyed.slice(start, start + max);
  const truncated = start + max < keyed.length;
  return {
    items: slice.map((k) => k.item),
    page: truncated
      ? { IsTruncated: true, Marker: encodeMarker(slice[slice.length - 1].key) }
      : { IsTruncated: false },
  };
}

/** Order by name as AWS lists (case-insensitive; names are unique case-insensitively). */
export const byName = <T>(name: (item: T) => string): PageOrder<T> => ({
  key: (item) => [name(item).toLowerCase()],
});
