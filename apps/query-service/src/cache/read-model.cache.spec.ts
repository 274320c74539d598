import { ReadModelCache } from './read-model.cache';
import { FakeReadModelStore, arn, user } from '../testing/fake-read-model-store';

const ALICE = arn('user', 'alice');

function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

describe('ReadModelCache', () => {
  let store: FakeReadModelStore;
  let cache: ReadModelCache;
  beforeEach(async () => {
    store = new FakeReadModelStore();
    cache = new ReadModelCache(store, { principals: 3, groups: 3, policies: 3 });
    await store.putPrincipal(user('alice'));
  });

  it('reads a document once however many requests miss together, then answers from memory', async () => {
    await store.putPrincipal(user('bob'));
    await Promise.all([cache.principal(ALICE, 0), cache.principal(arn('user', 'bob'), 0)]);
    expect(store.reads.principal).toBe(1); // the misses of one tick: one store read
    cache.clear();
    store.reads.principal = 0;
    const [a, b] = await Promise.all([cache.principal(ALICE, 0), cache.principal(ALICE, 0)]);
    expect(a).toBe(b);
    expect(a.value?.name).toBe('alice');
    expect(store.reads.principal).toBe(1);
    expect(cache.principal(ALICE, 0)).toBe(a); // synchronous hit
    expect(store.reads.principal).toBe(1);
  });

  it('caches absence too, until the key is invalidated', async () => {
    const bob = arn('user', 'bob');
    expect((await cache.principal(bob, 0)).value).toBeNull();
    await store.putPrincipal(user('bob'));
    expect((await cache.principal(bob, 0)).value).toBeNull();
    cache.invalidate(bob);
    expect((await cache.principal(bob, 0)).value?.name).toBe('bob');
  });

  it('does not keep what a load read when its key was invalidated while the load was in flight', async () => {
    const g = gate();
    store.gate = g.promise;
    const loading = cache.principal(ALICE, 0) as Promise<{ value: unknown; stale: boolean }>;
    // The projection stores a change and its invalidation arrives before the read answers.
    await store.putPrincipal(user('alice', { groupArns: [arn('group', 'dev')] }));
    cache.invalidate(ALICE);
    g.open();
    store.gate = null;
    const first = await loading;
    expect(first.stale).toBe(true); // used once by the waiting request, never kept
    const again = await cache.principal(ALICE, 0);
    expect(again.value).toMatchObject({ groupArns: [arn('group', 'dev')] });
    expect(store.reads.principal).toBe(2);
  });

  it('lets a request that reached a freshness join only loads started after it', async () => {
    const g = gate();
    store.gate = g.promise;
    const early = cache.principal(ALICE, 0);
    const mark = cache.loadMark();
    const late = cache.principal(ALICE, mark);
    expect(late).not.toBe(early);
    const joined = cache.principal(ALICE, mark);
    expect(joined).toBe(late);
    g.open();
    await Promise.all([early, late]);
    // Misses of one tick are read together: the later load's read still starts after its mark.
    expect(store.reads.principal).toBe(1);
  });

  it('loads the missing ones of many groups in one read', async () => {
    for (const name of ['a', 'b', 'c']) {
      await store.putGroup({
        _id: arn('group', name),
        accountId: '123456789012',
        name,
        groupId: `AGPA${name}`,
        path: '/',
        createDate: '',
        inlinePolicies: [],
        attachedPolicyArns: [],
        sequence: 1,
      });
    }
    await cache.groupEntries([arn('group', 'a')], 0);
    const all = await cache.groupEntries(
      ['a', 'b', 'c', 'zz'].map((n) => arn('group', n)),
      0,
    );
    expect(all.map((e) => e.value?.name ?? null)).toEqual(['a', 'b', 'c', null]);
    expect(store.reads.groups).toBe(2);
    await cache.groupEntries([arn('group', 'b'), arn('group', 'c')], 0);
    expect(store.reads.groups).toBe(2);
  });

  it('is bounded: the least recently used entry leaves, marked stale', async () => {
    const entries = [];
    for (const name of ['a', 'b', 'c', 'd']) {
      await store.putPrincipal(user(name));
      entries.push(await cache.principal(arn('user', name), 0));
    }
    expect(cache.sizes().principals).toBe(3);
    expect(entries[0].stale).toBe(true);
    expect(cache.cachedPrincipal(arn('user', 'a'))).toBeUndefined();
    expect(entries[3].stale).toBe(false);
  });

  it('keeps nothing while suspended, and again after resuming', async () => {
    cache.suspend();
    await cache.principal(ALICE, 0);
    expect(cache.cachedPrincipal(ALICE)).toBeUndefined();
    cache.resume();
    await cache.principal(ALICE, 0);
    expect(cache.cachedPrincipal(ALICE)).toBeDefined();
  });

  it('turns a store failure into UNAVAILABLE', async () => {
    store.getPrincipals = () => Promise.reject(new Error('connection reset'));
    await expect(cache.principal(arn('user', 'x'), 0)).rejects.toMatchObject({
      name: 'ReadModelUnavailableError',
      message: expect.stringContaining('connection reset'),
    });
  });
});
