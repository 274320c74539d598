import { InvalidReplayBoundError, isAfter, parseReplayBound, planReplay } from './replay-bound';

const ends = [
  { partition: 0, offset: '10' },
  { partition: 1, offset: '0' },
  { partition: 2, offset: '7' },
];

describe('parseReplayBound', () => {
  it('reads nothing as the end of the log', () => {
    expect(parseReplayBound(undefined)).toEqual({ kind: 'end' });
    expect(parseReplayBound('  ')).toEqual({ kind: 'end' });
  });

  it('reads a consistency token, a partition named twice keeping the later offset', () => {
    const bound = parseReplayBound('2:5, 0:3,2:4');
    expect(bound).toEqual({
      kind: 'token',
      token: '0:3,2:5',
      offsets: new Map([
        [2, 5n],
        [0, 3n],
      ]),
    });
  });

  it('reads ISO 8601 instants with a zone, and a date as its start in UTC', () => {
    expect(parseReplayBound('2026-03-01T10:00:00Z')).toMatchObject({
      kind: 'time',
      at: new Date('2026-03-01T10:00:00.000Z'),
    });
    expect(parseReplayBound('2026-03-01T12:00:00.250+02:00')).toMatchObject({
      at: new Date('2026-03-01T10:00:00.250Z'),
    });
    expect(parseReplayBound('2026-03-01')).toMatchObject({ at: new Date('2026-03-01T00:00:00Z') });
  });

  it.each([
    ['yesterday', /consistency token .* or an ISO 8601 instant/],
    ['3:', /consistency token/],
    ['2026-03-01T10:00:00', /consistency token/], // no zone: whose 10 o'clock?
    ['2026-02-30', /not a real date/],
    ['2026-13-01T00:00:00Z', /not a real date/],
  ])('refuses %s', (text, message) => {
    expect(() => parseReplayBound(text)).toThrow(InvalidReplayBoundError);
    expect(() => parseReplayBound(text)).toThrow(message);
  });
});

describe('planReplay', () => {
  it('reads every partition to its end for the end of the log and for an instant', () => {
    const plan = ends.map((e) => ({ partition: e.partition, readEnd: BigInt(e.offset) }));
    expect(planReplay({ kind: 'end' }, ends)).toEqual(plan);
    expect(planReplay(parseReplayBound('2026-01-01'), ends)).toEqual(plan);
  });

  it("reads a token's partitions through its offsets and no other partition", () => {
    expect(planReplay(parseReplayBound('2:4'), ends)).toEqual([
      { partition: 0, readEnd: 0n },
      { partition: 1, readEnd: 0n },
      { partition: 2, readEnd: 5n },
    ]);
  });

  it('refuses positions the log does not hold', () => {
    expect(() => planReplay(parseReplayBound('2:7'), ends)).toThrow(/not in the log yet/);
    expect(() => planReplay(parseReplayBound('1:0'), ends)).toThrow(/not in the log yet/);
    expect(() => planReplay(parseReplayBound('3:0'), ends)).toThrow(/no partition 3/);
  });
});

describe('isAfter', () => {
  it('compares instants, not strings', () => {
    const bound = parseReplayBound('2026-03-01T12:00:00+02:00');
    expect(isAfter(bound, '2026-03-01T10:00:00.000Z')).toBe(false);
    expect(isAfter(bound, '2026-03-01T10:00:00.001Z')).toBe(true);
    expect(isAfter({ kind: 'end' }, '2999-01-01T00:00:00Z')).toBe(false);
  });
});
