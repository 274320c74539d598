/*
 * The projection checked against the write model itself: random command sequences run through the
 * domain's Account (all 40 event types, renames included), then
 *  1. the events folded in memory give documents that say what the account says (users, groups,
 *     members, roles, policies, access keys of users and of the root, and every principal's
 *     composed policy set = Account.policiesOf);
 *  2. the live projector (documents loaded by touchedIds/fanOutIds only, random batches, with and
 *     without its cache, redelivered batches, store failures half way through a batch) ends with
 *     exactly the documents of the in-memory fold.
 */
import fc from 'fast-check';
import type { EventEnvelope } from '@portcullis/contracts';
import type { LoggedEvent } from '@portcullis/event-log';
import type { Account } from '@portcullis/domain';
import {
  MemoryReadModelStore,
  type ReadModelKind,
  type ReadModelStore,
  type ReadModelWrite,
} from '@portcullis/read-models';
import type { DeadLetter, DeadLetters } from './dead-letters/dead-letters.port';
import { ProjectionWorkspace, touchedIds } from './projection';
import { ReadModelProjector } from './read-model.projector';
import {
  allow,
  arn,
  now,
  ProjectionFixture,
  random,
  TRUST_DOC,
} from './testing/projection.fixture';

const USERS = ['u0', 'u1', 'u2', 'u3', 'u4'];
const GROUPS = ['g0', 'g1', 'g2', 'g3'];
const ROLES = ['r0', 'r1'];
const POLICIES = ['p0', 'p1.x'];
const PATHS = ['/', '/a/'];
const AWS = [
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
  'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
  'arn:aws:iam::aws:policy/AwsPolicy0',
];

/** Key ids are reused once deleted (random ids never are): the projection must cope either way. */
const KEY_IDS = Array.from({ length: 16 }, (_, i) => `AKIAPROPERTY${String(i).padStart(8, '0')}`);
const freeKeyId = (a: Account) =>
  KEY_IDS.find((id) => a.accessKeyOwner(id) === undefined && !a.rootAccessKeyIds().includes(id));
const sealed = (id: string) => `v1.k1.${id}.sealed`;

type Command = (a: Account) => unknown;
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const policyArn = fc.oneof(
  pick(POLICIES).map((p) => arn('policy', p)),
  pick(AWS),
);
const tags = fc.array(
  fc.record({ Key: pick(['team', 'env', 'cost.center']), Value: pick(['a', 'b', '']) }),
  { maxLength: 2 },
);
const doc = pick(['s3:GetObject', 'ec2:*', 'iam:List*']).map((a) => allow(a));

const weighted = (weight: number, arbitrary: fc.Arbitrary<Command>) => ({ weight, arbitrary });
const command: fc.Arbitrary<Command> = fc.oneof(
  // users
  fc.tuple(pick(USERS), pick(PATHS)).map(
    ([u, path]): Command =>
      (a) =>
        a.createUser({ userName: u, path, now, random }),
  ),
  fc.tuple(pick(USERS), pick(USERS), pick(PATHS)).map(
    ([u, n, p]): Command =>
      (a) =>
        a.updateUser({ userName: u, newUserName: n, newPath: p }),
  ),
  pick(USERS).map(
    (u): Command =>
      (a) =>
        a.deleteUser({ userName: u }),
  ),
  fc.tuple(pick(USERS), tags).map(
    ([u, t]): Command =>
      (a) =>
        a.tagUser({ userName: u, tags: t }),
  ),
  fc.tuple(pick(USERS), pick(['team', 'env'])).map(
    ([u, k]): Command =>
      (a) =>
        a.untagUser({ userName: u, tagKeys: [k] }),
  ),
  // groups
  fc.tuple(pick(GROUPS), pick(PATHS)).map(
    ([g, path]): Command =>
      (a) =>
        a.createGroup({ groupName: g, path, now, random }),
  ),
  fc.tuple(pick(GROUPS), pick(GROUPS), pick(PATHS)).map(
    ([g, n, p]): Command =>
      (a) =>
        a.updateGroup({ groupName: g, newGroupName: n, newPath: p }),
  ),
  pick(GROUPS).map(
    (g): Command =>
      (a) =>
        a.deleteGroup({ groupName: g }),
  ),
  weighted(
    4,
    fc.tuple(pick(GROUPS), pick(USERS)).map(
      ([g, u]): Command =>
        (a) =>
          a.addUserToGroup({ groupName: g, userName: u }),
    ),
  ),
  weighted(
    4,
    fc.tuple(pick(GROUPS), pick(USERS)).map(
      ([g, u]): Command =>
        (a) =>
          a.removeUserFromGroup({ groupName: g, userName: u }),
    ),
  ),
  // roles
  fc.tuple(pick(ROLES), fc.option(pick(['d1', 'd2']), { nil: undefined })).map(
    ([r, description]): Command =>
      (a) =>
        a.createRole({
          roleName: r,
          assumeRolePolicyDocument: TRUST_DOC,
          description,
          now,
          random,
        }),
  ),
  pick(ROLES).map(
    (r): Command =>
      (a) =>
        a.updateAssumeRolePolicy({
          roleName: r,
          policyDocument: TRUST_DOC.replace('ec2', 'lambda'),
        }),
  ),
  fc.tuple(pick(ROLES), fc.option(pick(['d3', '']), { nil: undefined }), pick([3600, 7200])).map(
    ([r, d, m]): Command =>
      (a) =>
        a.updateRole({ roleName: r, description: d, maxSessionDuration: m }),
  ),
  pick(ROLES).map(
    (r): Command =>
      (a) =>
        a.deleteRole({ roleName: r }),
  ),
  fc.tuple(pick(ROLES), tags).map(
    ([r, t]): Command =>
      (a) =>
        a.tagRole({ roleName: r, tags: t }),
  ),
  fc.tuple(pick(ROLES), pick(['team', 'env'])).map(
    ([r, k]): Command =>
      (a) =>
        a.untagRole({ roleName: r, tagKeys: [k] }),
  ),
  // managed policies
  fc.tuple(pick(POLICIES), doc).map(
    ([p, d]): Command =>
      (a) =>
        a.createPolicy({ policyName: p, policyDocument: d, now, random }),
  ),
  fc.tuple(pick(POLICIES), doc, fc.boolean()).map(
    ([p, d, s]): Command =>
      (a) =>
        a.createPolicyVersion({
          policyArn: arn('policy', p),
          policyDocument: d,
          setAsDefault: s,
          now,
        }),
  ),
  fc.tuple(pick(POLICIES), pick(['v1', 'v2', 'v3', 'v4'])).map(
    ([p, v]): Command =>
      (a) =>
        a.setDefaultPolicyVersion({ policyArn: arn('policy', p), versionId: v, now }),
  ),
  fc.tuple(pick(POLICIES), pick(['v1', 'v2', 'v3', 'v4'])).map(
    ([p, v]): Command =>
      (a) =>
        a.deletePolicyVersion({ policyArn: arn('policy', p), versionId: v }),
  ),
  pick(POLICIES).map(
    (p): Command =>
      (a) =>
        a.deletePolicy({ policyArn: arn('policy', p) }),
  ),
  fc.tuple(pick(POLICIES), tags).map(
    ([p, t]): Command =>
      (a) =>
        a.tagPolicy({ policyArn: arn('policy', p), tags: t }),
  ),
  fc.tuple(pick(POLICIES), pick(['team', 'env'])).map(
    ([p, k]): Command =>
      (a) =>
        a.untagPolicy({ policyArn: arn('policy', p), tagKeys: [k] }),
  ),
  // attachments
  weighted(
    3,
    fc.tuple(pick(USERS), policyArn).map(
      ([u, p]): Command =>
        (a) =>
          a.attachUserPolicy({ userName: u, policyArn: p }),
    ),
  ),
  weighted(
    3,
    fc.tuple(pick(USERS), policyArn).map(
      ([u, p]): Command =>
        (a) =>
          a.detachUserPolicy({ userName: u, policyArn: p }),
    ),
  ),
  weighted(
    3,
    fc.tuple(pick(GROUPS), policyArn).map(
      ([g, p]): Command =>
        (a) =>
          a.attachGroupPolicy({ groupName: g, policyArn: p }),
    ),
  ),
  weighted(
    3,
    fc.tuple(pick(GROUPS), policyArn).map(
      ([g, p]): Command =>
        (a) =>
          a.detachGroupPolicy({ groupName: g, policyArn: p }),
    ),
  ),
  weighted(
    3,
    fc.tuple(pick(ROLES), policyArn).map(
      ([r, p]): Command =>
        (a) =>
          a.attachRolePolicy({ roleName: r, policyArn: p }),
    ),
  ),
  weighted(
    3,
    fc.tuple(pick(ROLES), policyArn).map(
      ([r, p]): Command =>
        (a) =>
          a.detachRolePolicy({ roleName: r, policyArn: p }),
    ),
  ),
  // inline policies
  fc.tuple(pick(USERS), pick(['i', 'i.2']), doc).map(
    ([u, n, d]): Command =>
      (a) =>
        a.putUserPolicy({ userName: u, policyName: n, policyDocument: d }),
  ),
  fc.tuple(pick(USERS), pick(['i', 'i.2'])).map(
    ([u, n]): Command =>
      (a) =>
        a.deleteUserPolicy({ userName: u, policyName: n }),
  ),
  fc.tuple(pick(GROUPS), pick(['i', 'i.2']), doc).map(
    ([g, n, d]): Command =>
      (a) =>
        a.putGroupPolicy({ groupName: g, policyName: n, policyDocument: d }),
  ),
  fc.tuple(pick(GROUPS), pick(['i', 'i.2'])).map(
    ([g, n]): Command =>
      (a) =>
        a.deleteGroupPolicy({ groupName: g, policyName: n }),
  ),
  fc.tuple(pick(ROLES), pick(['i', 'i.2']), doc).map(
    ([r, n, d]): Command =>
      (a) =>
        a.putRolePolicy({ roleName: r, policyName: n, policyDocument: d }),
  ),
  fc.tuple(pick(ROLES), pick(['i', 'i.2'])).map(
    ([r, n]): Command =>
      (a) =>
        a.deleteRolePolicy({ roleName: r, policyName: n }),
  ),
  // boundaries
  fc.tuple(pick(USERS), policyArn).map(
    ([u, p]): Command =>
      (a) =>
        a.putUserPermissionsBoundary({ userName: u, permissionsBoundary: p }),
  ),
  pick(USERS).map(
    (u): Command =>
      (a) =>
        a.deleteUserPermissionsBoundary({ userName: u }),
  ),
  fc.tuple(pick(ROLES), policyArn).map(
    ([r, p]): Command =>
      (a) =>
        a.putRolePermissionsBoundary({ roleName: r, permissionsBoundary: p }),
  ),
  pick(ROLES).map(
    (r): Command =>
      (a) =>
        a.deleteRolePermissionsBoundary({ roleName: r }),
  ),
  // access keys, of users and of the root
  weighted(
    2,
    pick(USERS).map((u): Command => (a) => {
      const id = freeKeyId(a);
      if (id)
        a.createAccessKey({ userName: u, accessKeyId: id, sealedSecretAccessKey: sealed(id), now });
    }),
  ),
  fc
    .tuple(pick(USERS), pick([0, 1]), pick(['Active', 'Inactive'] as const))
    .map(([u, i, status]): Command => (a) => {
      const key = a.listAccessKeys(u)?.[i];
      if (key) a.updateAccessKey({ userName: u, accessKeyId: key.accessKeyId, status });
    }),
  fc.tuple(pick(USERS), pick([0, 1])).map(([u, i]): Command => (a) => {
    const key = a.listAccessKeys(u)?.[i];
    if (key) a.deleteAccessKey({ userName: u, accessKeyId: key.accessKeyId });
  }),
  fc.constant<Command>((a) => {
    const id = freeKeyId(a);
    if (id) a.createRootAccessKey({ accessKeyId: id, sealedSecretAccessKey: sealed(id), now });
  }),
  fc
    .tuple(pick([0, 1]), pick(['Active', 'Inactive'] as const))
    .map(([i, status]): Command => (a) => {
      const id = a.rootAccessKeyIds()[i];
      if (id) a.updateRootAccessKey({ accessKeyId: id, status });
    }),
  pick([0, 1]).map((i): Command => (a) => {
    const id = a.rootAccessKeyIds()[i];
    if (id) a.deleteRootAccessKey({ accessKeyId: id });
  }),
);

/**
 * A history: the account, most users, groups, roles and policies created (the last user and group
 * names are left free for renames), then the random commands.
 */
function history(commands: Command[]): ProjectionFixture {
  const f = new ProjectionFixture();
  f.run((a) => a.createAccount({ accountName: 'acme', now }));
  for (const u of USERS.slice(0, -1)) f.user(u);
  for (const g of GROUPS.slice(0, -1)) f.group(g);
  for (const r of ROLES) f.role(r);
  for (const p of POLICIES) f.policy(p);
  for (const c of commands) {
    try {
      f.run(c);
    } catch (e) {
      if ((e as { code?: unknown }).code === undefined) throw e; // only IAM errors are expected
    }
  }
  return f;
}

const sortedBy = <T>(xs: readonly T[], key: (x: T) => string) =>
  [...xs].sort((a, b) => key(a).localeCompare(key(b)));

/** What the query side composes from the documents: a principal's policy documents. */
function composed(ws: ProjectionWorkspace, principalArn: string) {
  const p = ws.get('principal', principalArn)!;
  const out: string[] = [];
  const seen = new Set<string>();
  const sources = [p, ...p.groupArns.map((g) => ws.get('group', g)!)];
  const managed = (policy: string) => {
    const m = ws.get('policy', policy)!;
    return m.versions.find((v) => v.versionId === m.defaultVersionId)!.document;
  };
  for (const s of sources) {
    for (const i of s.inlinePolicies) out.push(`inline ${s._id}#inline/${i.name} ${i.document}`);
    for (const a of s.attachedPolicyArns) {
      if (seen.has(a)) continue;
      seen.add(a);
      out.push(`managed ${a} ${managed(a)}`);
    }
  }
  return {
    identity: out.sort(),
    boundary: p.permissionsBoundaryArn && managed(p.permissionsBoundaryArn),
  };
}

function expectDocumentsMatchAccount(f: ProjectionFixture): void {
  const { account, ws } = f;
  const users = account.listUsers();
  const roles = account.listRoles();
  const principals = [...ws.documents('principal')];
  expect(
    sortedBy(
      principals.map((p) => p._id),
      (x) => x,
    ),
  ).toEqual(sortedBy([...users.map((u) => u.arn), ...roles.map((r) => r.arn)], (x) => x));
  for (const u of users) {
    const d = ws.get('principal', u.arn)!;
    expect(d).toMatchObject({
      principalType: 'user',
      name: u.userName,
      principalId: u.userId,
      path: u.path,
    });
    expect(d.tags).toEqual(u.tags);
    expect(d.permissionsBoundaryArn).toBe(u.permissionsBoundaryArn);
    expect([...d.groupArns].sort()).toEqual(
      account
        .listGroupsForUser(u.userName)
        .map((g) => g.arn)
        .sort(),
    );
    expect([...d.attachedPolicyArns].sort()).toEqual(
      account
        .listAttachedUserPolicies(u.userName)
        .map((p) => p.policyArn)
        .sort(),
    );
    expect(sortedBy(d.inlinePolicies, (p) => p.name)).toEqual(
      account
        .listUserPolicies(u.userName)
        .map((n) => ({
          name: n,
          document: account.getUserPolicy(u.userName, n)!.policyDocument,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  }
  for (const r of roles) {
    const d = ws.get('principal', r.arn)!;
    expect(d).toMatchObject({
      principalType: 'role',
      name: r.roleName,
      principalId: r.roleId,
      assumeRolePolicyDocument: r.assumeRolePolicyDocument,
      maxSessionDuration: r.maxSessionDuration,
    });
    expect(d.description).toBe(r.description);
    expect(d.tags).toEqual(r.tags);
    expect(d.permissionsBoundaryArn).toBe(r.permissionsBoundaryArn);
    expect([...d.attachedPolicyArns].sort()).toEqual(
      account
        .listAttachedRolePolicies(r.roleName)
        .map((p) => p.policyArn)
        .sort(),
    );
    expect(d.inlinePolicies.map((p) => p.name).sort()).toEqual(
      [...account.listRolePolicies(r.roleName)].sort(),
    );
  }
  const groups = account.listGroups();
  expect([...ws.documents('group')].map((g) => g._id).sort()).toEqual(
    groups.map((g) => g.arn).sort(),
  );
  for (const g of groups) {
    const d = ws.get('group', g.arn)!;
    expect(d).toMatchObject({ name: g.groupName, groupId: g.groupId, path: g.path });
    expect([...d.attachedPolicyArns].sort()).toEqual(
      account
        .listAttachedGroupPolicies(g.groupName)
        .map((p) => p.policyArn)
        .sort(),
    );
    expect(d.inlinePolicies.map((p) => p.name).sort()).toEqual(
      [...account.listGroupPolicies(g.groupName)].sort(),
    );
    const members = account
      .getGroup(g.groupName)!
      .users.map((u) => u.arn)
      .sort();
    expect([...(ws.get('groupMembers', g.arn)?.userArns ?? [])].sort()).toEqual(members);
  }
  expect([...ws.documents('groupMembers')].every((m) => m.userArns.length > 0)).toBe(true);
  const local = account.listPolicies({ scope: 'Local' });
  expect(
    [...ws.documents('policy')]
      .filter((p) => p.accountId !== 'aws')
      .map((p) => p._id)
      .sort(),
  ).toEqual(local.map((p) => p.arn).sort());
  for (const p of local) {
    const d = ws.get('policy', p.arn)!;
    expect(d).toMatchObject({
      name: p.policyName,
      policyId: p.policyId,
      defaultVersionId: p.defaultVersionId,
    });
    expect(d.tags ?? []).toEqual(p.tags);
    expect(
      sortedBy(
        d.versions.map((v) => ({ versionId: v.versionId, document: v.document })),
        (v) => v.versionId,
      ),
    ).toEqual(
      sortedBy(
        account
          .listPolicyVersions(p.arn)
          .map((v) => ({ versionId: v.versionId, document: v.document })),
        (v) => v.versionId,
      ),
    );
  }
  // Access keys: each user's and the root's, naming their principal as it is now.
  const keys = new Map([...ws.documents('accessKey')].map((k) => [k._id, k]));
  const expectedKeys = new Set<string>();
  for (const u of users) {
    const listed = account.listAccessKeys(u.userName)!;
    expect(ws.get('principal', u.arn)!.accessKeyIds ?? []).toEqual(
      listed.map((k) => k.accessKeyId),
    );
    for (const k of listed) {
      expectedKeys.add(k.accessKeyId);
      expect(keys.get(k.accessKeyId)).toMatchObject({
        accountId: account.accountId,
        principalArn: u.arn,
        userName: u.userName,
        userId: u.userId,
        status: k.status,
        sealedSecretAccessKey: sealed(k.accessKeyId),
        createDate: k.createDate,
      });
    }
  }
  for (const id of account.rootAccessKeyIds()) {
    expectedKeys.add(id);
    const doc = keys.get(id);
    expect(doc).toMatchObject({
      principalArn: `arn:aws:iam::${account.accountId}:root`,
      userId: account.accountId,
      status: account.rootAccessKey(id)!.status,
      sealedSecretAccessKey: account.rootAccessKey(id)!.sealedSecretAccessKey,
    });
    expect(doc).not.toHaveProperty('userName');
  }
  expect([...keys.keys()].sort()).toEqual([...expectedKeys].sort());
  // The effective policy set, as the query side composes it, is the write model's.
  for (const principal of [...users.map((u) => u.arn), ...roles.map((r) => r.arn)]) {
    const expected = account.policiesOf(principal)!;
    expect(composed(ws, principal)).toEqual({
      identity: expected.identityPolicies.map((p) => `${p.kind} ${p.id} ${p.document}`).sort(),
      boundary: expected.permissionsBoundary?.document,
    });
  }
}

class RefusingDeadLetters implements DeadLetters {
  readonly parked: DeadLetter[] = [];
  async publish(letter: DeadLetter): Promise<void> {
    this.parked.push(letter);
  }
  async close(): Promise<void> {}
}

/** A store that fails where told: half way through a bulk write, or before an account's sequence. */
class FaultyStore extends MemoryReadModelStore {
  fault: 'partial-write' | 'before-sequence' | null = null;
  constructor(private readonly rng: () => number) {
    super();
  }
  override async bulkWrite(ops: readonly ReadModelWrite[]): Promise<void> {
    if (this.fault === 'partial-write' && ops.length > 0) {
      this.fault = null;
      await super.bulkWrite(ops.filter(() => this.rng() < 0.5));
      throw new Error('injected: connection lost during the bulk write');
    }
    await super.bulkWrite(ops);
  }
  override async advanceAccountSequence(accountId: string, sequence: number): Promise<void> {
    if (this.fault === 'before-sequence') {
      this.fault = null;
      throw new Error('injected: crash before the account sequence');
    }
    await super.advanceAccountSequence(accountId, sequence);
  }
}

function logged(events: readonly EventEnvelope[]): LoggedEvent[] {
  return events.map((event, i) => ({ position: { partition: 0, offset: String(i) }, event }));
}

async function expectStoreEqualsFold(store: ReadModelStore, f: ProjectionFixture): Promise<void> {
  const ids = new Map<string, { kind: ReadModelKind; id: string }>();
  for (const e of f.events) for (const t of touchedIds(e)) ids.set(`${t.kind} ${t.id}`, t);
  const get = {
    principal: (id: string) => store.getPrincipal(id),
    group: (id: string) => store.getGroup(id),
    groupMembers: (id: string) => store.getGroupMembers(id),
    policy: (id: string) => store.getPolicy(id),
    accessKey: (id: string) => store.getAccessKey(id),
  };
  for (const { kind, id } of ids.values()) {
    expect({ kind, id, doc: await get[kind](id) }).toEqual({ kind, id, doc: f.ws.get(kind, id) });
  }
}

describe('projection vs the write model (property)', () => {
  it('folded in memory, the documents say what the account says', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 20, maxLength: 120, size: 'max' }), (commands) => {
        expectDocumentsMatchAccount(history(commands));
      }),
      { numRuns: 150 },
    );
  });

  it('the live projector reaches the same documents: batches, cache, redelivery and failures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 20, maxLength: 120, size: 'max' }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 10 }),
        fc.constantFrom(0, 1000),
        fc.array(
          fc.constantFrom<'none' | 'redeliver' | 'partial-write' | 'before-sequence'>(
            'none',
            'none',
            'redeliver',
            'partial-write',
            'before-sequence',
          ),
          { minLength: 1, maxLength: 10 },
        ),
        fc.integer(),
        async (commands, sizes, cacheSize, faults, seed) => {
          const f = history(commands);
          let s = seed >>> 0;
          const rng = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
          const store = new FaultyStore(rng);
          const dlq = new RefusingDeadLetters();
          const projector = new ReadModelProjector({
            store,
            deadLetters: dlq,
            cacheSize,
            logger: { log() {}, warn() {}, error() {} },
          });
          const all = logged(f.events);
          let at = 0;
          for (let i = 0; at < all.length; i++) {
            const batch = all.slice(at, at + sizes[i % sizes.length]);
            const fault = faults[i % faults.length];
            if (fault === 'partial-write' || fault === 'before-sequence') {
              store.fault = fault;
              await projector.project(batch).then(
                () => undefined,
                () => undefined,
              );
              store.fault = null;
            }
            await projector.project(batch);
            if (fault === 'redeliver')
              await projector.project(all.slice(Math.max(0, at - 5), at + batch.length));
            at += batch.length;
          }
          expect(dlq.parked).toEqual([]);
          await expectStoreEqualsFold(store, f);
          expect(await store.getCheckpoints()).toEqual([
            { partition: 0, nextOffset: String(all.length) },
          ]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
