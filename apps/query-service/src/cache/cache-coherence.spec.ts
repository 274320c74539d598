import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { IamEventType, type EventEnvelope } from '@portcullis/contracts';
import { EmbeddedEventLog, type LogPosition } from '@portcullis/event-log';
import { FakeReadModelStore, ACCOUNT, arn, group, user } from '../testing/fake-read-model-store';
import { CacheCoherence } from './cache-coherence';
import { ReadModelCache } from './read-model.cache';

const ALICE = arn('user', 'alice');
let sequence = 0;
const envelope = (type: string, payload: unknown): EventEnvelope => ({
  eventId: `e${++sequence}`,
  type,
  accountId: ACCOUNT,
  sequence,
  occurredAt: new Date().toISOString(),
  actor: `arn:aws:iam::${ACCOUNT}:root`,
  commandId: `c${sequence}`,
  correlationId: `c${sequence}`,
  payload,
});
const tagged = () =>
  envelope(IamEventType.UserTagged, {
    userName: 'alice',
    userId: 'AIDAALICE',
    userArn: ALICE,
    tags: [{ Key: 'team', Value: 'red' }],
    resultingTags: [{ Key: 'team', Value: 'red' }],
  });
const token = (positions: LogPosition[]) =>
  positions.map((p) => `${p.partition}:${p.offset}`).join(',');
const until = async (condition: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
};

describe('CacheCoherence (embedded event log, projection played by the spec)', () => {
  let dir: string;
  let log: EmbeddedEventLog;
  let store: FakeReadModelStore;
  let cache: ReadModelCache;
  let coherence: CacheCoherence;

  /** What the projector does: store the documents, then move the checkpoint past the events. */
  const project = async (positions: LogPosition[], apply: () => Promise<void>) => {
    await apply();
    for (const p of positions) {
      await store.advanceCheckpoint({
        partition: p.partition,
        nextOffset: (BigInt(p.offset) + 1n).toString(),
      });
    }
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'query-coherence-'));
    log = new EmbeddedEventLog({ dir, partitionCount: 3 });
    store = new FakeReadModelStore();
    await store.putPrincipal(user('alice'));
    cache = new ReadModelCache(store);
    coherence = new CacheCoherence(store, log, cache, { group: 'spec' });
    await coherence.start();
  });
  afterEach(async () => {
    await coherence.close();
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('invalidates a cached document once the event is both seen and stored, not before', async () => {
    await cache.principal(ALICE, 0);
    const positions = await log.append([tagged()]);
    // Seen, but the projection has not stored it: the entry stays (a reload would read the old one).
    await new Promise((r) => setTimeout(r, 30));
    expect(cache.cachedPrincipal(ALICE)).toBeDefined();
    await project(positions, () =>
      store.putPrincipal(user('alice', { tags: [{ Key: 'team', Value: 'red' }] })),
    );
    await until(() => cache.cachedPrincipal(ALICE) === undefined);
    expect((await cache.principal(ALICE, 0)).value?.tags).toEqual([{ Key: 'team', Value: 'red' }]);
  });

  it('at_least_as_fresh waits for the projection and for this process’s invalidations', async () => {
    await cache.principal(ALICE, 0);
    const positions = await log.append([tagged()]);
    const t = token(positions);
    let done = false;
    const waiting = coherence.waitForToken(t, Date.now() + 5000).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    await project(positions, () =>
      store.putPrincipal(user('alice', { tags: [{ Key: 'team', Value: 'red' }] })),
    );
    await waiting;
    // Once the wait is over, the cache no longer holds the old document.
    expect(cache.cachedPrincipal(ALICE)).toBeUndefined();
    const [p, o] = t.split(':');
    expect(coherence.token()).toContain(`${p}:${o}`);
  });

  it('answers DEADLINE_EXCEEDED when the projection does not get there in time', async () => {
    const positions = await log.append([tagged()]);
    await expect(coherence.waitForToken(token(positions), Date.now() + 100)).rejects.toMatchObject({
      name: 'StaleProjectionError',
      code: 4,
    });
  });

  it('refuses malformed tokens and partitions the log does not have with INVALID_ARGUMENT', async () => {
    await expect(coherence.waitForToken('not-a-token', Date.now() + 100)).rejects.toMatchObject({
      name: 'InvalidArgumentError',
    });
    await expect(coherence.waitForToken('7:0', Date.now() + 100)).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      message: expect.stringContaining('partition 7'),
    });
  });

  it('fully_consistent waits for the end of the log', async () => {
    const positions = await log.append([tagged()]);
    let done = false;
    const waiting = coherence.waitForEnd(Date.now() + 5000).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    await project(positions, async () => undefined);
    await waiting;
  });

  it('evicts the members of a renamed group, whose documents change without naming events', async () => {
    await store.putPrincipal(user('alice', { groupArns: [arn('group', 'dev')] }));
    await store.putGroup(group('dev'));
    await cache.principal(ALICE, 0);
    const positions = await log.append([
      envelope(IamEventType.GroupUpdated, {
        groupId: 'AGPADEV',
        oldGroupName: 'dev',
        newGroupName: 'eng',
        oldPath: '/',
        newPath: '/',
        oldArn: arn('group', 'dev'),
        newArn: arn('group', 'eng'),
      }),
    ]);
    await project(positions, () =>
      store.putPrincipal(user('alice', { groupArns: [arn('group', 'eng')] })),
    );
    await coherence.waitForToken(token(positions), Date.now() + 5000);
    expect(cache.cachedPrincipal(ALICE)).toBeUndefined();
  });

  it('starts after the stored checkpoints: earlier events are the store’s, later ones are seen', async () => {
    await coherence.close();
    const first = await log.append([tagged()]);
    await project(first, async () => undefined);
    const second = await log.append([tagged()]);
    coherence = new CacheCoherence(store, log, cache, { group: 'spec' });
    await coherence.start();
    await expect(coherence.waitForToken(token(first), Date.now() + 1000)).resolves.toBeUndefined();
    await cache.principal(ALICE, 0);
    await project(second, async () => undefined);
    await coherence.waitForToken(token(second), Date.now() + 1000);
    expect(cache.cachedPrincipal(ALICE)).toBeUndefined();
  });

  it('stops keeping anything when its own subscription stands still behind the projection', async () => {
    await coherence.close();
    coherence = new CacheCoherence(store, log, cache, {
      group: 'spec',
      maxLagMs: 50,
      heartbeatMs: 10,
    });
    await coherence.start();
    // The subscription dies (closed underneath), the projection carries on.
    await (
      coherence as unknown as { subscription: { close(): Promise<void> } }
    ).subscription.close();
    await cache.principal(ALICE, 0);
    const positions = await log.append([tagged()]);
    await project(positions, () =>
      store.putPrincipal(user('alice', { tags: [{ Key: 'team', Value: 'red' }] })),
    );
    await until(() => cache.cachedPrincipal(ALICE) === undefined, 3000);
    // Reads go to the store, nothing is kept.
    expect((await cache.principal(ALICE, 0)).value?.tags).toEqual([{ Key: 'team', Value: 'red' }]);
    expect(cache.cachedPrincipal(ALICE)).toBeUndefined();
  });

  it('keeps nothing loaded before it has subscribed', async () => {
    await coherence.close();
    cache = new ReadModelCache(store, { suspended: true });
    coherence = new CacheCoherence(store, log, cache, { group: 'spec' });
    await cache.principal(ALICE, 0);
    expect(cache.cachedPrincipal(ALICE)).toBeUndefined();
    await coherence.start();
    await cache.principal(ALICE, 0);
    expect(cache.cachedPrincipal(ALICE)).toBeDefined();
  });
});
