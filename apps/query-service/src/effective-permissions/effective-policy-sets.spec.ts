import { CompiledPolicies } from '../cache/compiled-policies';
import { ReadModelCache } from '../cache/read-model.cache';
import { principalRef } from '../shared/request-validation';
import {
  FakeReadModelStore,
  allow,
  arn,
  deny,
  group,
  policy,
  role,
  user,
} from '../testing/fake-read-model-store';
import { EffectivePolicySets, type EffectivePolicySet } from './effective-policy-sets';

const ALICE = arn('user', 'alice');

describe('EffectivePolicySets', () => {
  let store: FakeReadModelStore;
  let cache: ReadModelCache;
  let sets: EffectivePolicySets;

  beforeEach(async () => {
    store = new FakeReadModelStore();
    cache = new ReadModelCache(store);
    sets = new EffectivePolicySets(cache, new CompiledPolicies());
    await store.putPolicy(
      policy('ReadS3', [allow('s3:GetObject', 'arn:aws:s3:::old/*'), allow('s3:GetObject')]),
    );
    await store.putPolicy(policy('DenyDelete', [deny('s3:DeleteObject')]));
    await store.putPolicy(policy('Boundary', [allow(['s3:*', 'sqs:*'])]));
    await store.putGroup(
      group('dev', {
        inlinePolicies: [{ name: 'dev.sqs', document: allow('sqs:SendMessage') }],
        attachedPolicyArns: [arn('policy', 'ReadS3'), arn('policy', 'DenyDelete')],
      }),
    );
    await store.putPrincipal(
      user('alice', {
        tags: [{ Key: 'team', Value: 'blue' }],
        inlinePolicies: [{ name: 'own', document: allow('sns:Publish') }],
        attachedPolicyArns: [arn('policy', 'ReadS3')],
        groupArns: [arn('group', 'dev')],
        permissionsBoundaryArn: arn('policy', 'Boundary'),
      }),
    );
  });

  const of = (a: string, notBefore = 0) =>
    Promise.resolve(sets.of(principalRef(a), notBefore)) as Promise<EffectivePolicySet>;

  it('composes own inline, own attached, each group’s inline and attached, then the boundary (default versions)', async () => {
    const set = await of(ALICE);
    expect(set.sources.map((s) => [s.id, s.source, s.version])).toEqual([
      [`${ALICE}#inline/own`, 'own', ''],
      [arn('policy', 'ReadS3'), 'own', 'v2'],
      [`${arn('group', 'dev')}#inline/dev.sqs`, `group:${arn('group', 'dev')}`, ''],
      [arn('policy', 'ReadS3'), `group:${arn('group', 'dev')}`, 'v2'],
      [arn('policy', 'DenyDelete'), `group:${arn('group', 'dev')}`, 'v1'],
      [arn('policy', 'Boundary'), 'boundary', 'v1'],
    ]);
    // ReadS3 reaches alice twice and is evaluated once.
    expect(set.identity.map((p) => p.id)).toEqual([
      `${ALICE}#inline/own`,
      arn('policy', 'ReadS3'),
      `${arn('group', 'dev')}#inline/dev.sqs`,
      arn('policy', 'DenyDelete'),
    ]);
    expect(set.boundary?.id).toBe(arn('policy', 'Boundary'));
    expect(set.context).toEqual({
      'aws:username': 'alice',
      'aws:userid': set.principal.principalId,
      'aws:PrincipalType': 'User',
      'aws:PrincipalArn': ALICE,
      'aws:PrincipalAccount': '123456789012',
      'aws:PrincipalTag/team': 'blue',
    });
  });

  it('answers a composed set synchronously, without reading the store again', async () => {
    const first = await of(ALICE);
    const reads = { ...store.reads };
    expect(sets.of(principalRef(ALICE), 0)).toBe(first);
    expect(store.reads).toEqual(reads);
  });

  it('after a shared piece changes, recomposes from the cache with one read of that piece', async () => {
    await of(ALICE);
    await store.putPolicy(policy('DenyDelete', [deny('s3:DeleteObject'), deny('s3:PutObject')]));
    cache.invalidate(arn('policy', 'DenyDelete'));
    const reads = { ...store.reads };
    const set = await of(ALICE);
    expect(set.sources.find((s) => s.id === arn('policy', 'DenyDelete'))?.version).toBe('v2');
    expect(store.reads).toEqual({ ...reads, policies: reads.policies + 1 });
  });

  it('shares compiled policies between principals', async () => {
    await store.putPrincipal(user('bob', { groupArns: [arn('group', 'dev')] }));
    const alice = await of(ALICE);
    const bob = await of(arn('user', 'bob'));
    expect(bob.identity[1]).toBe(alice.identity[1]); // ReadS3 v2, compiled once
  });

  it('checks a role session with its role’s policies', async () => {
    await store.putPrincipal(role('Deployer', { attachedPolicyArns: [arn('policy', 'ReadS3')] }));
    const set = await of('arn:aws:sts::123456789012:assumed-role/Deployer/build-42');
    expect(set.principal._id).toBe(arn('role', 'Deployer'));
    expect(set.context).toMatchObject({
      'aws:PrincipalType': 'AssumedRole',
      'aws:PrincipalArn': arn('role', 'Deployer'),
    });
  });

  it('refuses an unknown principal with NOT_FOUND, and remembers the absence', async () => {
    await expect(of(arn('user', 'nobody'))).rejects.toMatchObject({
      name: 'PrincipalNotFoundError',
    });
    await expect(of(arn('user', 'nobody'))).rejects.toMatchObject({
      name: 'PrincipalNotFoundError',
    });
    expect(store.reads.principal).toBe(1);
  });

  it('fails closed (UNAVAILABLE) when a piece the principal names is not in the read models', async () => {
    await store.putPrincipal(user('carol', { attachedPolicyArns: [arn('policy', 'Missing')] }));
    await expect(of(arn('user', 'carol'))).rejects.toMatchObject({
      name: 'ReadModelUnavailableError',
      message: expect.stringContaining('Missing'),
    });
  });

  it('composes a group alone for SimulatePrincipalPolicy', async () => {
    const set = await sets.ofGroup(arn('group', 'dev'), 0);
    expect(set?.identity.map((p) => p.id)).toEqual([
      `${arn('group', 'dev')}#inline/dev.sqs`,
      arn('policy', 'ReadS3'),
      arn('policy', 'DenyDelete'),
    ]);
    expect(await sets.ofGroup(arn('group', 'nope'), 0)).toBeNull();
  });
});
