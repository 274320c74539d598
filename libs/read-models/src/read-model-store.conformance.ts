import type {
  AccessKeyDocument,
  GroupDocument,
  GroupMembersDocument,
  ManagedPolicyDocument,
  PrincipalDocument,
  ReadModelStore,
  ReadModelWrite,
} from './read-model-store.port';

const ACCOUNT = '123456789012';

export const samplePrincipal = (over: Partial<PrincipalDocument> = {}): PrincipalDocument => ({
  _id: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
  principalType: 'user',
  name: 'alice',
  principalId: 'AIDAEXAMPLE0000000000',
  path: '/',
  createDate: '2026-01-01T00:00:00.000Z',
  tags: [],
  inlinePolicies: [],
  attachedPolicyArns: [],
  groupArns: [],
  sequence: 1,
  ...over,
});

export const sampleRole = (over: Partial<PrincipalDocument> = {}): PrincipalDocument =>
  samplePrincipal({
    _id: `arn:aws:iam::${ACCOUNT}:role/service/deployer`,
    principalType: 'role',
    name: 'deployer',
    principalId: 'AROAEXAMPLE0000000000',
    path: '/service/',
    assumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
    maxSessionDuration: 3600,
    description: 'deploys',
    permissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
    tags: [{ Key: 'team', Value: 'ops' }],
    ...over,
  });

export const sampleGroup = (over: Partial<GroupDocument> = {}): GroupDocument => ({
  _id: `arn:aws:iam::${ACCOUNT}:group/admins`,
  accountId: ACCOUNT,
  name: 'admins',
  groupId: 'AGPAEXAMPLE0000000000',
  path: '/',
  createDate: '2026-01-01T00:00:00.000Z',
  inlinePolicies: [],
  attachedPolicyArns: [],
  sequence: 2,
  ...over,
});

export const sampleMembers = (over: Partial<GroupMembersDocument> = {}): GroupMembersDocument => ({
  _id: `arn:aws:iam::${ACCOUNT}:group/admins`,
  accountId: ACCOUNT,
  groupId: 'AGPAEXAMPLE0000000000',
  userArns: [`arn:aws:iam::${ACCOUNT}:user/alice`],
  sequence: 3,
  ...over,
});

export const samplePolicy = (over: Partial<ManagedPolicyDocument> = {}): ManagedPolicyDocument => ({
  _id: `arn:aws:iam::${ACCOUNT}:policy/read.only`,
  accountId: ACCOUNT,
  name: 'read.only',
  policyId: 'ANPAEXAMPLE0000000000',
  path: '/',
  defaultVersionId: 'v2',
  versions: [
    { versionId: 'v1', document: '{"v":1}', createDate: '2026-01-01T00:00:00.000Z' },
    { versionId: 'v2', document: '{"v":2}', createDate: '2026-01-02T00:00:00.000Z' },
  ],
  sequence: 4,
  ...over,
});

export const sampleAccessKey = (over: Partial<AccessKeyDocument> = {}): AccessKeyDocument => ({
  _id: 'AKIAEXAMPLE000000001',
  accountId: ACCOUNT,
  principalArn: `arn:aws:iam::${ACCOUNT}:user/eng/alice`,
  userName: 'alice',
  userId: 'AIDAEXAMPLE0000000000',
  status: 'Active',
  sealedSecretAccessKey: 'v1.k1.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBB',
  createDate: '2026-01-01T00:00:00.000Z',
  sequence: 5,
  ...over,
});

/** A key of the account's root user: no user name, the account id as its user id. */
export const sampleRootAccessKey = (over: Partial<AccessKeyDocument> = {}): AccessKeyDocument => {
  const { userName: _none, ...doc } = sampleAccessKey({
    _id: 'AKIAEXAMPLEROOT00001',
    principalArn: `arn:aws:iam::${ACCOUNT}:root`,
    userId: ACCOUNT,
    sequence: 6,
  });
  return { ...doc, ...over };
};

const userArn = (i: number) => `arn:aws:iam::${ACCOUNT}:user/u${i}`;

/**
 * One behavioural suite for every ReadModelStore adapter. `factory` gives a store over empty
 * collections; the store is closed after each test.
 */
export function runReadModelStoreConformance(
  name: string,
  factory: () => Promise<ReadModelStore>,
): void {
  describe(`ReadModelStore conformance: ${name}`, () => {
    let store: ReadModelStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('documents', () => {
      it('answers null for unknown documents of every kind', async () => {
        expect(await store.getPrincipal(userArn(404))).toBeNull();
        expect(await store.getGroup(sampleGroup()._id)).toBeNull();
        expect(await store.getGroupMembers(sampleMembers()._id)).toBeNull();
        expect(await store.getPolicy(samplePolicy()._id)).toBeNull();
        expect(await store.getAccessKey(sampleAccessKey()._id)).toBeNull();
      });

      it('reads back what it wrote, for every kind, dotted names and optional fields included', async () => {
        const user = samplePrincipal({
          inlinePolicies: [{ name: 'read.only', document: '{"Version":"2012-10-17"}' }],
          attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', samplePolicy()._id],
          groupArns: [sampleGroup()._id],
          tags: [{ Key: 'cost.center', Value: '' }],
          permissionsBoundaryArn: samplePolicy()._id,
          accessKeyIds: [sampleAccessKey()._id, 'AKIAEXAMPLE000000002'],
        });
        const role = sampleRole();
        const group = sampleGroup({
          inlinePolicies: [{ name: 'a.b', document: '{}' }],
          attachedPolicyArns: [samplePolicy()._id],
        });
        const members = sampleMembers();
        const policy = samplePolicy({ description: 'd', tags: [{ Key: 'k', Value: 'v' }] });
        const aws = samplePolicy({
          _id: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
          accountId: 'aws',
          name: 'ViewOnlyAccess',
          policyId: '',
          path: '/job-function/',
          defaultVersionId: 'v7',
          versions: [{ versionId: 'v7', document: '{}', createDate: '' }],
          sequence: 7,
        });
        await store.putPrincipal(user);
        await store.putPrincipal(role);
        await store.putGroup(group);
        await store.putGroupMembers(members);
        await store.putPolicy(policy);
        await store.putPolicy(aws);
        const key = sampleAccessKey();
        const rootKey = sampleRootAccessKey({ status: 'Inactive' });
        await store.putAccessKey(key);
        await store.putAccessKey(rootKey);
        expect(await store.getPrincipal(user._id)).toEqual(user);
        expect(await store.getPrincipal(role._id)).toEqual(role);
        expect(await store.getGroup(group._id)).toEqual(group);
        expect(await store.getGroupMembers(members._id)).toEqual(members);
        expect(await store.getPolicy(policy._id)).toEqual(policy);
        expect(await store.getPolicy(aws._id)).toEqual(aws);
        expect(await store.getAccessKey(key._id)).toEqual(key);
        const readRoot = await store.getAccessKey(rootKey._id);
        expect(readRoot).toEqual(rootKey);
        expect(readRoot).not.toHaveProperty('userName');
      });

      it('replaces a document by _id, dropping fields the new one lacks', async () => {
        await store.putPrincipal(samplePrincipal({ permissionsBoundaryArn: samplePolicy()._id }));
        const updated = samplePrincipal({
          inlinePolicies: [{ name: 'p', document: '{}' }],
          sequence: 2,
        });
        await store.putPrincipal(updated);
        expect(await store.getPrincipal(updated._id)).toEqual(updated);
        await store.putGroup(sampleGroup());
        await store.putGroup(sampleGroup({ attachedPolicyArns: ['x'], sequence: 9 }));
        expect(await store.getGroup(sampleGroup()._id)).toEqual(
          sampleGroup({ attachedPolicyArns: ['x'], sequence: 9 }),
        );
        await store.putGroupMembers(sampleMembers());
        await store.putGroupMembers(sampleMembers({ userArns: [], sequence: 9 }));
        expect(await store.getGroupMembers(sampleMembers()._id)).toEqual(
          sampleMembers({ userArns: [], sequence: 9 }),
        );
        await store.putPolicy(samplePolicy({ tags: [{ Key: 'k', Value: 'v' }] }));
        await store.putPolicy(samplePolicy({ sequence: 9 }));
        expect(await store.getPolicy(samplePolicy()._id)).toEqual(samplePolicy({ sequence: 9 }));
        await store.putAccessKey(sampleAccessKey());
        const moved = sampleRootAccessKey({ _id: sampleAccessKey()._id, sequence: 9 });
        await store.putAccessKey(moved);
        expect(await store.getAccessKey(moved._id)).toEqual(moved);
        expect(await store.getAccessKey(moved._id)).not.toHaveProperty('userName');
      });

      it('does not let a caller mutate a stored document through the returned object or the one it put', async () => {
        const doc = samplePrincipal();
        await store.putPrincipal(doc);
        doc.groupArns.push('written-after-put');
        const read = await store.getPrincipal(doc._id);
        read!.inlinePolicies.push({ name: 'x', document: '{}' });
        const again = (await store.getPrincipal(doc._id))!;
        expect(again.inlinePolicies).toEqual([]);
        expect(again.groupArns).toEqual([]);
      });

      it('deletes documents of every kind; deleting a missing one is a no-op', async () => {
        await store.putPrincipal(samplePrincipal());
        await store.putGroup(sampleGroup());
        await store.putGroupMembers(sampleMembers());
        await store.putPolicy(samplePolicy());
        await store.putAccessKey(sampleAccessKey());
        await store.deletePrincipal(samplePrincipal()._id);
        await store.deleteGroup(sampleGroup()._id);
        await store.deleteGroupMembers(sampleMembers()._id);
        await store.deletePolicy(samplePolicy()._id);
        await store.deleteAccessKey(sampleAccessKey()._id);
        await store.deletePrincipal(samplePrincipal()._id);
        await store.deleteAccessKey('AKIANEVERTHERE000000');
        await store.deleteGroup('arn:aws:iam::123456789012:group/never');
        expect(await store.getPrincipal(samplePrincipal()._id)).toBeNull();
        expect(await store.getGroup(sampleGroup()._id)).toBeNull();
        expect(await store.getGroupMembers(sampleMembers()._id)).toBeNull();
        expect(await store.getPolicy(samplePolicy()._id)).toBeNull();
        expect(await store.getAccessKey(sampleAccessKey()._id)).toBeNull();
      });

      it('answers plural gets in the order asked, null where missing, repeats included', async () => {
        const a = samplePrincipal({ _id: userArn(1), name: 'u1' });
        const b = samplePrincipal({ _id: userArn(2), name: 'u2' });
        await store.putPrincipal(a);
        await store.putPrincipal(b);
        expect(await store.getPrincipals([userArn(2), userArn(3), userArn(1), userArn(2)])).toEqual(
          [b, null, a, b],
        );
        expect(await store.getPrincipals([])).toEqual([]);
        const g = sampleGroup();
        await store.putGroup(g);
        expect(await store.getGroups(['nope', g._id])).toEqual([null, g]);
        const m = sampleMembers();
        await store.putGroupMembers(m);
        expect(await store.getGroupMembersMany([m._id, 'nope'])).toEqual([m, null]);
        const p = samplePolicy();
        await store.putPolicy(p);
        expect(await store.getPolicies([p._id, 'nope', p._id])).toEqual([p, null, p]);
        const k = sampleAccessKey();
        const r = sampleRootAccessKey();
        await store.putAccessKey(k);
        await store.putAccessKey(r);
        expect(await store.getAccessKeys([r._id, 'AKIANOPE000000000000', k._id])).toEqual([
          r,
          null,
          k,
        ]);
        expect(await store.getAccessKeys([])).toEqual([]);
      });

      it('answers a plural get of many documents', async () => {
        const docs = Array.from({ length: 150 }, (_, i) =>
          samplePrincipal({ _id: userArn(i), name: `u${i}` }),
        );
        await store.bulkWrite(docs.map((doc) => ({ put: 'principal', doc, created: true })));
        const ids = docs.map((d) => d._id).reverse();
        expect(await store.getPrincipals(ids)).toEqual([...docs].reverse());
      });
    });

    describe('bulkWrite', () => {
      it('does nothing for no operations', async () => {
        await store.bulkWrite([]);
        expect(await store.getPrincipal(samplePrincipal()._id)).toBeNull();
      });

      it('applies puts and deletes of every kind', async () => {
        await store.putGroup(sampleGroup({ _id: 'arn:aws:iam::123456789012:group/old' }));
        await store.putAccessKey(sampleAccessKey({ _id: 'AKIAEXAMPLEOLD000001' }));
        await store.bulkWrite([
          { put: 'principal', doc: samplePrincipal() },
          { put: 'principal', doc: sampleRole(), created: true },
          { put: 'group', doc: sampleGroup() },
          { put: 'groupMembers', doc: sampleMembers(), created: true },
          { put: 'policy', doc: samplePolicy() },
          { delete: 'group', id: 'arn:aws:iam::123456789012:group/old' },
          { delete: 'policy', id: 'arn:aws:iam::123456789012:policy/never-there' },
          { put: 'accessKey', doc: sampleAccessKey(), created: true },
          { put: 'accessKey', doc: sampleRootAccessKey() },
          { delete: 'accessKey', id: 'AKIAEXAMPLEOLD000001' },
        ]);
        expect(await store.getPrincipal(samplePrincipal()._id)).toEqual(samplePrincipal());
        expect(await store.getPrincipal(sampleRole()._id)).toEqual(sampleRole());
        expect(await store.getGroup(sampleGroup()._id)).toEqual(sampleGroup());
        expect(await store.getGroupMembers(sampleMembers()._id)).toEqual(sampleMembers());
        expect(await store.getPolicy(samplePolicy()._id)).toEqual(samplePolicy());
        expect(await store.getGroup('arn:aws:iam::123456789012:group/old')).toBeNull();
        expect(await store.getAccessKey(sampleAccessKey()._id)).toEqual(sampleAccessKey());
        expect(await store.getAccessKey(sampleRootAccessKey()._id)).toEqual(sampleRootAccessKey());
        expect(await store.getAccessKey('AKIAEXAMPLEOLD000001')).toBeNull();
      });

      it('gives the result of applying the operations in order: the last one on an _id wins', async () => {
        const id = samplePrincipal()._id;
        await store.putPrincipal(samplePrincipal({ sequence: 1 }));
        await store.bulkWrite([
          { put: 'principal', doc: samplePrincipal({ sequence: 2 }) },
          { delete: 'principal', id },
          { put: 'group', doc: sampleGroup({ sequence: 5 }) },
          { put: 'group', doc: sampleGroup({ sequence: 6 }) },
          { delete: 'groupMembers', id: sampleMembers()._id },
          { put: 'groupMembers', doc: sampleMembers({ sequence: 7 }), created: true },
          { put: 'accessKey', doc: sampleAccessKey({ status: 'Inactive', sequence: 8 }) },
          { put: 'accessKey', doc: sampleAccessKey({ sequence: 9 }) },
          { put: 'accessKey', doc: sampleRootAccessKey({ sequence: 8 }), created: true },
          { delete: 'accessKey', id: sampleRootAccessKey()._id },
        ]);
        expect(await store.getPrincipal(id)).toBeNull();
        expect(await store.getAccessKey(sampleAccessKey()._id)).toEqual(
          sampleAccessKey({ sequence: 9 }),
        );
        expect(await store.getAccessKey(sampleRootAccessKey()._id)).toBeNull();
        expect((await store.getGroup(sampleGroup()._id))?.sequence).toBe(6);
        expect((await store.getGroupMembers(sampleMembers()._id))?.sequence).toBe(7);
        await store.bulkWrite([
          { delete: 'principal', id },
          { put: 'principal', doc: samplePrincipal({ sequence: 3 }), created: true },
        ]);
        expect((await store.getPrincipal(id))?.sequence).toBe(3);
      });

      it('replaces a document marked created that exists after all', async () => {
        await store.putPrincipal(samplePrincipal({ sequence: 1, groupArns: ['g'] }));
        await store.putPolicy(samplePolicy({ sequence: 1 }));
        await store.putAccessKey(sampleAccessKey({ sequence: 1 }));
        await store.bulkWrite([
          {
            put: 'principal',
            doc: samplePrincipal({ _id: userArn(1), name: 'u1' }),
            created: true,
          },
          { put: 'principal', doc: samplePrincipal({ sequence: 8 }), created: true },
          {
            put: 'principal',
            doc: samplePrincipal({ _id: userArn(2), name: 'u2' }),
            created: true,
          },
          { put: 'policy', doc: samplePolicy({ sequence: 8 }), created: true },
          { put: 'accessKey', doc: sampleAccessKey({ status: 'Inactive' }), created: true },
        ]);
        expect(await store.getPrincipal(samplePrincipal()._id)).toEqual(
          samplePrincipal({ sequence: 8 }),
        );
        expect(await store.getPrincipal(userArn(1))).not.toBeNull();
        expect(await store.getPrincipal(userArn(2))).not.toBeNull();
        expect(await store.getPolicy(samplePolicy()._id)).toEqual(samplePolicy({ sequence: 8 }));
        expect(await store.getAccessKey(sampleAccessKey()._id)).toEqual(
          sampleAccessKey({ status: 'Inactive' }),
        );
      });

      it('rewrites hundreds of existing documents in one call (a large fan-out)', async () => {
        // On FerretDB 1.24 one update command with ~50 replaces of existing documents hangs the
        // server: this is the case the adapter must split.
        const n = 240;
        const docs = Array.from({ length: n }, (_, i) =>
          samplePrincipal({ _id: userArn(i), name: `u${i}`, sequence: 1 }),
        );
        await store.bulkWrite(docs.map((doc) => ({ put: 'principal', doc, created: true })));
        const ops: ReadModelWrite[] = docs.map((d) => ({
          put: 'principal',
          doc: { ...d, groupArns: ['arn:aws:iam::123456789012:group/renamed'], sequence: 2 },
        }));
        ops.push({ delete: 'principal', id: userArn(0) });
        await store.bulkWrite(ops);
        const read = await store.getPrincipals(docs.map((d) => d._id));
        expect(read[0]).toBeNull();
        expect(read.slice(1).every((d) => d?.sequence === 2 && d.groupArns.length === 1)).toBe(
          true,
        );
        await store.bulkWrite(docs.map((d) => ({ delete: 'principal', id: d._id })));
        expect((await store.getPrincipals(docs.map((d) => d._id))).every((d) => d === null)).toBe(
          true,
        );
      });

      it('writes a large group membership document', async () => {
        const members = sampleMembers({
          userArns: Array.from({ length: 10_000 }, (_, i) => userArn(i)),
        });
        await store.bulkWrite([{ put: 'groupMembers', doc: members, created: true }]);
        await store.bulkWrite([{ put: 'groupMembers', doc: { ...members, sequence: 99 } }]);
        expect(await store.getGroupMembers(members._id)).toEqual({ ...members, sequence: 99 });
      });
    });

    describe('sequences and checkpoints', () => {
      it('moves account sequences forward only', async () => {
        expect(await store.getAccountSequence(ACCOUNT)).toBe(0);
        await store.advanceAccountSequence(ACCOUNT, 5);
        await store.advanceAccountSequence(ACCOUNT, 3);
        expect(await store.getAccountSequence(ACCOUNT)).toBe(5);
        expect(await store.getAccountSequence('210987654321')).toBe(0);
      });

      it('moves checkpoints forward only, per partition, with int64 offsets', async () => {
        expect(await store.getCheckpoints()).toEqual([]);
        await store.advanceCheckpoint({ partition: 1, nextOffset: '9' });
        await store.advanceCheckpoint({ partition: 1, nextOffset: '10' });
        await store.advanceCheckpoint({ partition: 1, nextOffset: '8' });
        await store.advanceCheckpoint({ partition: 0, nextOffset: '9007199254740993' });
        expect(await store.getCheckpoints()).toEqual([
          { partition: 0, nextOffset: '9007199254740993' },
          { partition: 1, nextOffset: '10' },
        ]);
      });

      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });
  });
}
