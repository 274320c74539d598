import { IamError } from '@portcullis/domain';
import { byName, DEFAULT_MAX_ITEMS, paginate } from './pagination';

const names = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(3, '0')}`);
const order = byName((s: string) => s);

/** Every page, following the Marker, with an optional change between pages. */
function allPages(
  items: () => string[],
  maxItems: number,
  between: (page: number) => void = () => {},
): string[][] {
  const pages: string[][] = [];
  let marker: string | undefined;
  for (;;) {
    const { items: page, page: info } = paginate(items(), order, {
      Marker: marker,
      MaxItems: maxItems,
    });
    pages.push(page);
    if (!info.IsTruncated) {
      expect(info.Marker).toBeUndefined();
      return pages;
    }
    marker = info.Marker;
    between(pages.length);
  }
}

describe('paginate (AWS Marker / MaxItems / IsTruncated)', () => {
  it('answers up to 100 items by default, in name order, case-insensitively', () => {
    const { items, page } = paginate(['b', 'C', 'a', ...names(120)], order, {});
    expect(items).toHaveLength(DEFAULT_MAX_ITEMS);
    expect(items.slice(0, 3)).toEqual(['a', 'b', 'C']);
    expect(page).toEqual({ IsTruncated: true, Marker: expect.any(String) });
  });

  it('walks every item exactly once across pages', () => {
    const pages = allPages(() => names(25), 10);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(names(25));
  });

  it('resumes after the last key returned, so writes between pages shift nothing', () => {
    let current = names(30);
    const pages = allPages(
      () => current,
      10,
      (n) => {
        if (n === 1) {
          // After the first page: one already seen and one not yet seen are deleted, one is
          // added before the marker (not seen, as on AWS) and one after it (seen).
          current = current.filter((s) => s !== 'u003' && s !== 'u015');
          current.push('u002a', 'u020a');
        }
      },
    );
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(
      [...names(30).filter((s) => s !== 'u015'), 'u020a'].sort((a, b) => (a < b ? -1 : 1)),
    );
  });

  it('is not truncated when the last page is exactly full', () => {
    const { page } = paginate(names(10), order, { MaxItems: 10 });
    expect(page).toEqual({ IsTruncated: false });
  });

  it('orders by a tuple key, descending when asked', () => {
    const versions = ['v1', 'v10', 'v2'];
    const first = paginate(
      versions,
      { key: (v) => [Number(v.slice(1))], descending: true },
      { MaxItems: 2 },
    );
    expect(first.items).toEqual(['v10', 'v2']);
    const rest = paginate(
      versions,
      { key: (v) => [Number(v.slice(1))], descending: true },
      { Marker: first.page.Marker, MaxItems: 2 },
    );
    expect(rest).toEqual({ items: ['v1'], page: { IsTruncated: false } });
  });

  it('rejects a Marker it did not issue with a ValidationError', () => {
    for (const marker of ['not-a-marker', Buffer.from('{"after":{}}').toString('base64url')]) {
      expect(() => paginate(names(3), order, { Marker: marker })).toThrow(
        expect.objectContaining({ code: 'ValidationError' }) as unknown as IamError,
      );
    }
  });
});
