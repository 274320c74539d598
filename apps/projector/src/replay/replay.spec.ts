import { encodeConsistencyToken, type EventEnvelope } from '@portcullis/contracts';
import type { LogPosition } from '@portcullis/event-log';
import { ListedMemoryReadModelStore } from './read-model-snapshot';
import { replay, ReplayTargetNotEmptyError } from './replay';
import { InvalidReplayBoundError, parseReplayBound } from './replay-bound';
import { ACCOUNTS, busyHistory, liveProjection, tempLog } from './testing/replay.fixture';
import { verifyReadModels } from './verify-read-models';

describe('replay', () => {
  const logs: { cleanup(): Promise<void> }[] = [];
  const newLog = () => {
    const l = tempLog();
    logs.push(l);
    return l.log;
  };
  afterEach(async () => {
    for (const l of logs.splice(0)) await l.cleanup();
  });

  /** The live projection of exactly `events`, appended in this order to a log of their own. */
  async function liveOf(events: EventEnvelope[]) {
    const log = newLog();
    for (const e of events) await log.append([e]);
    return liveProjection(log);
  }

  it('rebuilds what the live projector holds: documents, account sequences, checkpoints', async () => {
    const log = newLog();
    const history = busyHistory();
    for (const e of history) await log.append([e]);
    const live = await liveProjection(log);

    const target = new ListedMemoryReadModelStore();
    const report = await replay({ log, target });

    const diff = await verifyReadModels(live.snapshot('live'), target.snapshot('replay'));
    expect(diff.differences).toEqual([]);
    expect(diff.compared.principal).toBeGreaterThan(10);
    // Per account: the root's key and two user keys (one of a renamed user), both sides.
    expect(diff.compared.accessKey).toBe(ACCOUNTS.length * 3);
    expect(report.documents.accessKey).toBe(ACCOUNTS.length * 3);
    expect(diff.compared.account).toBe(ACCOUNTS.length);
    expect(await target.getCheckpoints()).toEqual(
      (await log.endPositions())
        .filter((e) => e.offset !== '0')
        .map((e) => ({ partition: e.partition, nextOffset: e.offset })),
    );
    // The unknown type is left out (the live projector parks it), the repeated event skipped;
    // the account's sequence moves past both.
    expect(report.skipped).toEqual([
      expect.objectContaining({ reason: 'unknown-type', error: expect.stringContaining('v9') }),
    ]);
    expect(report.redelivered).toBe(1);
    expect(report.events).toBe(history.length);
    expect(report.applied).toBe(history.length - 2);
    const first = history.filter((e) => e.accountId === ACCOUNTS[0]);
    expect(await target.getAccountSequence(ACCOUNTS[0])).toBe(
      Math.max(...first.map((e) => e.sequence)),
    );
    expect(report.position).toBe(
      encodeConsistencyToken(
        (await log.endPositions())
          .filter((e) => e.offset !== '0')
          .map((e) => ({ partition: e.partition, offset: String(Number(e.offset) - 1) })),
      ),
    );
  });

  it('replays to a token: the events it covers, as the live projector had them then', async () => {
    const log = newLog();
    const history = busyHistory();
    const positions: LogPosition[] = [];
    for (const e of history) positions.push(...(await log.append([e])));
    // The token of a write half way through: it names that write's partition only.
    const cut = Math.floor(history.length / 2);
    const token = encodeConsistencyToken([positions[cut]]);
    const covered = history.filter(
      (_, i) =>
        positions[i].partition === positions[cut].partition &&
        Number(positions[i].offset) <= Number(positions[cut].offset),
    );

    const target = new ListedMemoryReadModelStore();
    const report = await replay({ log, target, bound: parseReplayBound(token) });

    const live = await liveOf(covered);
    const diff = await verifyReadModels(live.snapshot('live'), target.snapshot('replay'));
    expect(diff.differences).toEqual([]);
    expect(report.events).toBe(covered.length);
    expect(report.position).toBe(token);
    expect(await target.getCheckpoints()).toEqual([
      {
        partition: positions[cut].partition,
        nextOffset: String(Number(positions[cut].offset) + 1),
      },
    ]);
  });

  it('replays to an instant: per partition, the events up to the first later one', async () => {
    const log = newLog();
    const history = busyHistory();
    for (const e of history) await log.append([e]);
    const at = history[Math.floor(history.length / 3)].occurredAt;

    const target = new ListedMemoryReadModelStore();
    const report = await replay({ log, target, bound: parseReplayBound(at) });

    const before = history.filter((e) => Date.parse(e.occurredAt) <= Date.parse(at));
    const live = await liveOf(before);
    const diff = await verifyReadModels(live.snapshot('live'), target.snapshot('replay'));
    expect(diff.differences).toEqual([]);
    expect(report.events).toBe(before.length);
    // Every account had events by then, and none of the later ones are in.
    expect(diff.compared.account).toBe(ACCOUNTS.length);
  });

  it('refuses a target that holds read models, and a token past the log, writing nothing', async () => {
    const log = newLog();
    for (const e of busyHistory()) await log.append([e]);
    const used = new ListedMemoryReadModelStore();
    await used.advanceCheckpoint({ partition: 0, nextOffset: '3' });
    await expect(replay({ log, target: used })).rejects.toThrow(ReplayTargetNotEmptyError);

    const fresh = new ListedMemoryReadModelStore();
    const ends = await log.endPositions();
    const past = `${ends[0].partition}:${ends[0].offset}`;
    await expect(replay({ log, target: fresh, bound: parseReplayBound(past) })).rejects.toThrow(
      new InvalidReplayBoundError(
        `--to ${past}: offset ${ends[0].offset} of partition ${ends[0].partition} is not in the log yet (its next offset is ${ends[0].offset})`,
      ),
    );
    await expect(replay({ log, target: fresh, bound: parseReplayBound('7:0') })).rejects.toThrow(
      /has no partition 7/,
    );
    const snapshot = fresh.snapshot('fresh');
    expect(await snapshot.documents('principal')).toEqual([]);
    expect(await fresh.getCheckpoints()).toEqual([]);
  });

  it('reports progress through the read and the write', async () => {
    const log = newLog();
    const history = busyHistory();
    for (const e of history) await log.append([e]);
    const seen: string[] = [];
    await replay({
      log,
      target: new ListedMemoryReadModelStore(),
      onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`),
    });
    expect(seen.at(0)).toMatch(/^read /);
    expect(seen).toContain(`read ${history.length}/${history.length}`);
    expect(seen.at(-1)).toMatch(/^write (\d+)\/\1$/);
  });
});
