import { ListedMemoryReadModelStore } from './read-model-snapshot';
import { replay } from './replay';
import { busyHistory, tempLog } from './testing/replay.fixture';
import { formatDifference, verifyReadModels } from './verify-read-models';

describe('verifyReadModels', () => {
  let cleanup: () => Promise<void>;
  let a: ListedMemoryReadModelStore;
  let b: ListedMemoryReadModelStore;
  beforeEach(async () => {
    const t = tempLog();
    cleanup = t.cleanup;
    for (const e of busyHistory()) await t.log.append([e]);
    a = new ListedMemoryReadModelStore();
    b = new ListedMemoryReadModelStore();
    await replay({ log: t.log, target: a });
    await replay({ log: t.log, target: b });
  });
  afterEach(() => cleanup());

  const verify = () => verifyReadModels(a.snapshot('live'), b.snapshot('replay'));

  it('finds nothing when the read models are equal, whatever the key order', async () => {
    const principal = (await a.snapshot('a').documents('principal'))[0];
    const reordered = Object.fromEntries(Object.entries(principal).reverse());
    await b.putPrincipal(reordered as typeof principal);
    const report = await verify();
    expect(report.differences).toEqual([]);
    expect(report.compared).toMatchObject({ account: 4, checkpoint: 3 });
  });

  it('finds a planted difference of each kind, and says which side and which fields', async () => {
    const [principal] = await a.snapshot('a').documents('principal');
    const [group] = await a.snapshot('a').documents('group');
    const [members] = await a.snapshot('a').documents('groupMembers');
    const [policy] = await a.snapshot('a').documents('policy');
    const [accessKey] = await a.snapshot('a').documents('accessKey');
    await b.putPrincipal({ ...principal, tags: [], sequence: principal.sequence + 1 });
    await b.deleteGroup(group._id);
    await b.putGroupMembers({ ...members, _id: `${members._id}-extra` });
    await b.putPolicy({ ...policy, defaultVersionId: 'v9' });
    await b.putAccessKey({ ...accessKey, principalArn: `${accessKey.principalArn}-old` });
    const liveSequence = await a.getAccountSequence(principal.accountId);
    await b.advanceAccountSequence(principal.accountId, 999);
    await b.advanceCheckpoint({ partition: 0, nextOffset: '999' });

    const report = await verify();
    expect(report.differences).toEqual(
      expect.arrayContaining([
        {
          kind: 'principal',
          id: principal._id,
          fields: [
            { field: 'tags', a: principal.tags, b: [] },
            { field: 'sequence', a: principal.sequence, b: principal.sequence + 1 },
          ],
        },
        { kind: 'group', id: group._id, onlyIn: 'a' },
        { kind: 'groupMembers', id: `${members._id}-extra`, onlyIn: 'b' },
        {
          kind: 'policy',
          id: policy._id,
          fields: [{ field: 'defaultVersionId', a: policy.defaultVersionId, b: 'v9' }],
        },
        {
          kind: 'accessKey',
          id: accessKey._id,
          fields: [
            {
              field: 'principalArn',
              a: accessKey.principalArn,
              b: `${accessKey.principalArn}-old`,
            },
          ],
        },
        { kind: 'account', id: principal.accountId, a: liveSequence, b: 999 },
        { kind: 'checkpoint', partition: 0, a: expect.any(String), b: '999' },
      ]),
    );
    expect(report.differences).toHaveLength(7);
    const lines = report.differences.map((d) => formatDifference(d, report.labels));
    expect(lines).toContain(`group ${group._id}: only in live (missing from replay)`);
    expect(lines).toContain(
      `policy ${policy._id}: fields differ: defaultVersionId (live "${policy.defaultVersionId}", replay "v9")`,
    );
    expect(lines).toContain(
      `account ${principal.accountId} sequence: live ${liveSequence}, replay 999`,
    );
  });

  it('does not count checkpoints apart by records that are no events (transaction markers)', async () => {
    const [cp] = await a.getCheckpoints();
    const later = String(BigInt(cp.nextOffset) + 2n);
    await b.advanceCheckpoint({ partition: cp.partition, nextOffset: later });
    const checked: string[] = [];
    const markersOnly = await verifyReadModels(a.snapshot('live'), b.snapshot('replay'), {
      noEventsBetween: async (p, from, to) => (checked.push(`${p}:${from}-${to}`), true),
    });
    expect(markersOnly.differences).toEqual([]);
    expect(checked).toEqual([`${cp.partition}:${cp.nextOffset}-${later}`]);
    const withEvents = await verifyReadModels(a.snapshot('live'), b.snapshot('replay'), {
      noEventsBetween: async () => false,
    });
    expect(withEvents.differences).toEqual([
      { kind: 'checkpoint', partition: cp.partition, a: cp.nextOffset, b: later },
    ]);
  });
});
