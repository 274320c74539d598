import { parseOffset, startOffsets } from './log-offsets';

describe('log offsets', () => {
  it('parses decimal offsets beyond 2^53 and rejects anything else', () => {
    expect(parseOffset('9223372036854775807')).toBe(9223372036854775807n);
    for (const bad of ['-1', '01', '1.5', '', ' 1', 'x'])
      expect(() => parseOffset(bad)).toThrow(RangeError);
  });

  it('starts after the given positions, the later one when a partition is named twice, else at 0', () => {
    expect(
      startOffsets(
        [
          { partition: 1, offset: '4' },
          { partition: 1, offset: '9' },
          { partition: 1, offset: '2' },
          { partition: 2, offset: '0' },
        ],
        3,
      ),
    ).toEqual([0n, 10n, 1n]);
    expect(() => startOffsets([{ partition: 3, offset: '0' }], 3)).toThrow(RangeError);
  });
});
