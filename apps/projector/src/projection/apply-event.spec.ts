import { IAM_EVENT_TYPES, IamEventType } from '@portcullis/contracts';
import {
  ACCOUNT_ID,
  allow,
  arn,
  envelope,
  now,
  ProjectionFixture,
  random,
  TRUST_DOC,
} from '../testing/projection.fixture';
import type { Account } from '@portcullis/domain';
import { applyEvent, applyEventAtomically } from './apply-event';
import { InvalidEventPayloadError, UnknownEventTypeError } from './projection.errors';
import { ProjectionWorkspace } from './projection-workspace';
import { touchedIds } from './touched-ids';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const ALICE = arn('user', 'alice');
const BOB = arn('user', 'bob');
const DEVS = arn('group', 'devs');
const DEPLOYER = arn('role', 'deployer');
const AUDIT = arn('policy', 'audit.read');
const KINDS = ['principal', 'group', 'groupMembers', 'policy', 'accessKey'] as const;
const KEY_1 = 'AKIAAAAAAAAAAAAAAAA1';
const KEY_2 = 'AKIAAAAAAAAAAAAAAAA2';
const ROOT_KEY = 'AKIAAAAAAAAAAAAAROOT';
const SEALED = 'v1.k1.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBB';

afterAll(() => {
  // Every event type of the contract has been applied by at least one spec below.
  expect(IAM_EVENT_TYPES.filter((t) => !ProjectionFixture.typesSeen.has(t))).toEqual([]);
});

describe('applyEvent: accounts', () => {
  it('account-created writes no document', () => {
    const f = new ProjectionFixture();
    f.run((a) => a.createAccount({ accountName: 'acme', now }));
    expect(f.ws.changedRefs()).toEqual([]);
  });
});

describe('applyEvent: users', () => {
  it('user-created: a principal document with empty policy sets', () => {
    const f = new ProjectionFixture();
    const [created] = f.run((a) => a.createUser({ userName: 'alice', path: '/eng/', now, random }));
    const id = arn('user', 'alice', '/eng/');
    expect(f.doc('principal', id)).toEqual({
      _id: id,
      accountId: ACCOUNT_ID,
      principalType: 'user',
      name: 'alice',
      principalId: (created.payload as { userId: string }).userId,
      path: '/eng/',
      createDate: now.toISOString(),
      tags: [],
      inlinePolicies: [],
      attachedPolicyArns: [],
      groupArns: [],
      sequence: 1,
    });
  });

  it('user-updated: moves the document to the new ARN and renames the user in its groups', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.group('devs');
    f.group('ops');
    f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: 'alice' }));
    f.run((a) => a.addUserToGroup({ groupName: 'ops', userName: 'alice' }));
    f.run((a) =>
      a.putUserPolicy({ userName: 'alice', policyName: 'p', policyDocument: allow('s3:*') }),
    );
    const before = f.doc('principal', ALICE)!;
    const [updated] = f.run((a) =>
      a.updateUser({ userName: 'alice', newUserName: 'alicia', newPath: '/x/' }),
    );
    const moved = arn('user', 'alicia', '/x/');
    expect(f.doc('principal', ALICE)).toBeNull();
    expect(f.doc('principal', moved)).toEqual({
      ...before,
      _id: moved,
      name: 'alicia',
      path: '/x/',
      sequence: updated.sequence,
    });
    expect(f.doc('groupMembers', DEVS)!.userArns).toEqual([moved]);
    expect(f.doc('groupMembers', arn('group', 'ops'))!.userArns).toEqual([moved]);
  });

  it('user-deleted: removes the document', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.run((a) => a.deleteUser({ userName: 'alice' }));
    expect(f.doc('principal', ALICE)).toBeNull();
  });

  it('user-tagged and user-untagged: the resulting tag set', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.run((a) =>
      a.tagUser({
        userName: 'alice',
        tags: [
          { Key: 'team', Value: 'eng' },
          { Key: 'cost.center', Value: '42' },
        ],
      }),
    );
    expect(f.doc('principal', ALICE)!.tags).toEqual([
      { Key: 'team', Value: 'eng' },
      { Key: 'cost.center', Value: '42' },
    ]);
    f.run((a) => a.untagUser({ userName: 'alice', tagKeys: ['team', 'absent'] }));
    expect(f.doc('principal', ALICE)!.tags).toEqual([{ Key: 'cost.center', Value: '42' }]);
  });
});

describe('applyEvent: groups and memberships', () => {
  it('group-created: a group document, no membership document yet', () => {
    const f = new ProjectionFixture();
    const [created] = f.run((a) => a.createGroup({ groupName: 'devs', now, random }));
    expect(f.doc('group', DEVS)).toEqual({
      _id: DEVS,
      accountId: ACCOUNT_ID,
      name: 'devs',
      groupId: (created.payload as { groupId: string }).groupId,
      path: '/',
      createDate: now.toISOString(),
      inlinePolicies: [],
      attachedPolicyArns: [],
      sequence: 1,
    });
    expect(f.doc('groupMembers', DEVS)).toBeNull();
  });

  it('user-added-to-group: the user names the group, the group lists the user (two documents)', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.user('bob');
    f.group('devs');
    f.ws.markWritten();
    f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: 'alice' }));
    expect(f.ws.changedRefs()).toEqual([
      { kind: 'principal', id: ALICE },
      { kind: 'groupMembers', id: DEVS },
    ]);
    f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: 'bob' }));
    expect(f.doc('principal', ALICE)!.groupArns).toEqual([DEVS]);
    expect(f.doc('groupMembers', DEVS)).toEqual({
      _id: DEVS,
      accountId: ACCOUNT_ID,
      groupId: f.doc('group', DEVS)!.groupId,
      userArns: [ALICE, BOB],
      sequence: 5,
    });
    // The group document itself is untouched: caches of its policies stay valid.
    expect(f.doc('group', DEVS)!.sequence).toBe(3);
  });

  it('user-removed-from-group: both sides; the membership document goes with the last member', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.user('bob');
    f.group('devs');
    f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: 'alice' }));
    f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: 'bob' }));
    f.run((a) => a.removeUserFromGroup({ groupName: 'devs', userName: 'alice' }));
    expect(f.doc('principal', ALICE)!.groupArns).toEqual([]);
    expect(f.doc('groupMembers', DEVS)!.userArns).toEqual([BOB]);
    f.run((a) => a.removeUserFromGroup({ groupName: 'devs', userName: 'bob' }));
    expect(f.doc('groupMembers', DEVS)).toBeNull();
  });

  it('group-updated: moves the group and its members list, and renames it in every member (the bounded fan-out)', () => {
    const f = new ProjectionFixture();
    f.group('devs');
    f.run((a) =>
      a.putGroupPolicy({ groupName: 'devs', policyName: 'g', policyDocument: allow('ec2:*') }),
    );
    const users = Array.from({ length: 25 }, (_, i) => `u${i}`);
    for (const u of users) {
      f.user(u);
      f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: u }));
    }
    f.user('outsider');
    const group = f.doc('group', DEVS)!;
    f.ws.markWritten();
    const [updated] = f.run((a) =>
      a.updateGroup({ groupName: 'devs', newGroupName: 'developers', newPath: '/eng/' }),
    );
    const moved = arn('group', 'developers', '/eng/');
    expect(f.doc('group', DEVS)).toBeNull();
    expect(f.doc('groupMembers', DEVS)).toBeNull();
    expect(f.doc('group', moved)).toEqual({
      ...group,
      _id: moved,
      name: 'developers',
      path: '/eng/',
      sequence: updated.sequence,
    });
    expect(f.doc('groupMembers', moved)!.userArns).toEqual(users.map((u) => arn('user', u)));
    for (const u of users) expect(f.doc('principal', arn('user', u))!.groupArns).toEqual([moved]);
    expect(f.doc('principal', arn('user', 'outsider'))!.sequence).toBeLessThan(updated.sequence);
    // 2 group documents + 2 membership documents + one per member.
    expect(f.ws.writes()).toHaveLength(4 + users.length);
  });

  it('group-deleted: removes the group', () => {
    const f = new ProjectionFixture();
    f.group('devs');
    f.run((a) => a.deleteGroup({ groupName: 'devs' }));
    expect(f.doc('group', DEVS)).toBeNull();
  });
});

describe('applyEvent: roles', () => {
  it('role-created: a principal document with the trust policy, duration and description', () => {
    const f = new ProjectionFixture();
    const [created] = f.run((a) =>
      a.createRole({
        roleName: 'deployer',
        assumeRolePolicyDocument: TRUST_DOC,
        description: 'ships it',
        maxSessionDuration: 7200,
        now,
        random,
      }),
    );
    expect(f.doc('principal', DEPLOYER)).toEqual({
      _id: DEPLOYER,
      accountId: ACCOUNT_ID,
      principalType: 'role',
      name: 'deployer',
      principalId: (created.payload as { roleId: string }).roleId,
      path: '/',
      createDate: now.toISOString(),
      tags: [],
      inlinePolicies: [],
      attachedPolicyArns: [],
      groupArns: [],
      assumeRolePolicyDocument: TRUST_DOC,
      maxSessionDuration: 7200,
      description: 'ships it',
      sequence: 1,
    });
  });

  it('role-trust-policy-updated: the new trust policy', () => {
    const f = new ProjectionFixture();
    f.role('deployer');
    const trust = TRUST_DOC.replace('ec2', 'lambda');
    f.run((a) => a.updateAssumeRolePolicy({ roleName: 'deployer', policyDocument: trust }));
    expect(f.doc('principal', DEPLOYER)!.assumeRolePolicyDocument).toBe(trust);
  });

  it('role-updated: description and session duration as the event gives them', () => {
    const f = new ProjectionFixture();
    f.role('deployer', { description: 'old' });
    f.run((a) =>
      a.updateRole({ roleName: 'deployer', description: 'new', maxSessionDuration: 43200 }),
    );
    expect(f.doc('principal', DEPLOYER)).toMatchObject({
      description: 'new',
      maxSessionDuration: 43200,
    });
  });

  it('role-deleted: removes the document', () => {
    const f = new ProjectionFixture();
    f.role('deployer');
    f.run((a) => a.deleteRole({ roleName: 'deployer' }));
    expect(f.doc('principal', DEPLOYER)).toBeNull();
  });

  it('role-tagged and role-untagged: the resulting tag set', () => {
    const f = new ProjectionFixture();
    f.role('deployer');
    f.run((a) => a.tagRole({ roleName: 'deployer', tags: [{ Key: 'env', Value: 'prod' }] }));
    expect(f.doc('principal', DEPLOYER)!.tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    f.run((a) => a.untagRole({ roleName: 'deployer', tagKeys: ['env'] }));
    expect(f.doc('principal', DEPLOYER)!.tags).toEqual([]);
  });
});

describe('applyEvent: customer managed policies', () => {
  it('policy-created: the policy with v1 as its default version', () => {
    const f = new ProjectionFixture();
    const [created] = f.run((a) =>
      a.createPolicy({
        policyName: 'audit.read',
        policyDocument: allow('s3:Get*'),
        description: 'auditors',
        now,
        random,
      }),
    );
    expect(f.doc('policy', AUDIT)).toEqual({
      _id: AUDIT,
      accountId: ACCOUNT_ID,
      name: 'audit.read',
      policyId: (created.payload as { policyId: string }).policyId,
      path: '/',
      defaultVersionId: 'v1',
      versions: [{ versionId: 'v1', document: allow('s3:Get*'), createDate: now.toISOString() }],
      description: 'auditors',
      sequence: 1,
    });
  });

  it('policy-version-created, policy-default-version-set, policy-version-deleted: versions and the default', () => {
    const f = new ProjectionFixture();
    f.policy('audit.read', allow('s3:Get*'));
    f.run((a) =>
      a.createPolicyVersion({ policyArn: AUDIT, policyDocument: allow('s3:List*'), now }),
    );
    expect(f.doc('policy', AUDIT)).toMatchObject({ defaultVersionId: 'v1' });
    f.run((a) =>
      a.createPolicyVersion({
        policyArn: AUDIT,
        policyDocument: allow('s3:*'),
        setAsDefault: true,
        now,
      }),
    );
    expect(f.doc('policy', AUDIT)!.defaultVersionId).toBe('v3');
    f.run((a) => a.setDefaultPolicyVersion({ policyArn: AUDIT, versionId: 'v2', now }));
    expect(f.doc('policy', AUDIT)!.defaultVersionId).toBe('v2');
    f.run((a) => a.deletePolicyVersion({ policyArn: AUDIT, versionId: 'v1' }));
    expect(f.doc('policy', AUDIT)!.versions.map((v) => [v.versionId, v.document])).toEqual([
      ['v2', allow('s3:List*')],
      ['v3', allow('s3:*')],
    ]);
  });

  it('a default version change is one document write, however many principals use the policy', () => {
    const f = new ProjectionFixture();
    f.policy('audit.read');
    f.group('devs');
    f.run((a) => a.attachGroupPolicy({ groupName: 'devs', policyArn: AUDIT }));
    for (let i = 0; i < 20; i++) {
      f.user(`u${i}`);
      f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: `u${i}` }));
    }
    f.ws.markWritten();
    f.run((a) =>
      a.createPolicyVersion({
        policyArn: AUDIT,
        policyDocument: allow('*'),
        setAsDefault: true,
        now,
      }),
    );
    expect(f.ws.changedRefs()).toEqual([{ kind: 'policy', id: AUDIT }]);
  });

  it('policy-deleted: removes the document', () => {
    const f = new ProjectionFixture();
    f.policy('audit.read');
    f.run((a) => a.deletePolicy({ policyArn: AUDIT }));
    expect(f.doc('policy', AUDIT)).toBeNull();
  });

  it('policy-tagged and policy-untagged: the resulting tag set', () => {
    const f = new ProjectionFixture();
    f.policy('audit.read');
    f.run((a) => a.tagPolicy({ policyArn: AUDIT, tags: [{ Key: 'owner', Value: 'sec' }] }));
    expect(f.doc('policy', AUDIT)!.tags).toEqual([{ Key: 'owner', Value: 'sec' }]);
    f.run((a) => a.untagPolicy({ policyArn: AUDIT, tagKeys: ['owner'] }));
    expect(f.doc('policy', AUDIT)!.tags).toEqual([]);
  });
});

describe('applyEvent: attachments', () => {
  it('user-policy-attached and -detached, customer and AWS managed; the AWS one becomes a shared document', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.policy('audit.read');
    f.run((a) => a.attachUserPolicy({ userName: 'alice', policyArn: AUDIT }));
    f.run((a) => a.attachUserPolicy({ userName: 'alice', policyArn: READ_ONLY }));
    expect(f.doc('principal', ALICE)!.attachedPolicyArns).toEqual([AUDIT, READ_ONLY]);
    expect(f.doc('policy', READ_ONLY)).toEqual({
      _id: READ_ONLY,
      accountId: 'aws',
      name: 'ReadOnlyAccess',
      policyId: '',
      path: '/',
      defaultVersionId: 'v3',
      versions: [{ versionId: 'v3', document: allow('s3:Get*'), createDate: '' }],
      sequence: 3,
    });
    f.run((a) => a.detachUserPolicy({ userName: 'alice', policyArn: AUDIT }));
    expect(f.doc('principal', ALICE)!.attachedPolicyArns).toEqual([READ_ONLY]);
  });

  it('group-policy-attached and -detached: one group document (plus the AWS policy), no member touched', () => {
    const f = new ProjectionFixture();
    f.group('devs');
    for (let i = 0; i < 10; i++) {
      f.user(`u${i}`);
      f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: `u${i}` }));
    }
    f.ws.markWritten();
    f.run((a) => a.attachGroupPolicy({ groupName: 'devs', policyArn: READ_ONLY }));
    expect(f.ws.changedRefs()).toEqual([
      { kind: 'group', id: DEVS },
      { kind: 'policy', id: READ_ONLY },
    ]);
    expect(f.doc('group', DEVS)!.attachedPolicyArns).toEqual([READ_ONLY]);
    f.run((a) => a.detachGroupPolicy({ groupName: 'devs', policyArn: READ_ONLY }));
    expect(f.doc('group', DEVS)!.attachedPolicyArns).toEqual([]);
  });

  it('role-policy-attached and -detached', () => {
    const f = new ProjectionFixture();
    f.role('deployer');
    f.policy('audit.read');
    f.run((a) => a.attachRolePolicy({ roleName: 'deployer', policyArn: AUDIT }));
    expect(f.doc('principal', DEPLOYER)!.attachedPolicyArns).toEqual([AUDIT]);
    f.run((a) => a.detachRolePolicy({ roleName: 'deployer', policyArn: AUDIT }));
    expect(f.doc('principal', DEPLOYER)!.attachedPolicyArns).toEqual([]);
  });

  it('keeps the newest AWS policy version whatever order accounts are projected in', () => {
    const ws = new ProjectionWorkspace({ complete: true });
    const aws = (versionId: string) => ({
      policyArn: READ_ONLY,
      policyName: 'ReadOnlyAccess',
      path: '/',
      defaultVersionId: versionId,
      document: `{"v":"${versionId}"}`,
    });
    const attach = (account: string, versionId: string) =>
      envelope(
        1,
        IamEventType.UserPolicyAttached,
        {
          userName: 'x',
          userId: 'AIDAX',
          userArn: `arn:aws:iam::${account}:user/x`,
          policyArn: READ_ONLY,
          policyName: 'ReadOnlyAccess',
          awsManagedPolicy: aws(versionId),
        },
        account,
      );
    applyEvent(ws, attach('111111111111', 'v12'));
    applyEvent(ws, attach('222222222222', 'v9'));
    expect(ws.get('policy', READ_ONLY)).toMatchObject({ defaultVersionId: 'v12', sequence: 12 });
    const other = new ProjectionWorkspace({ complete: true });
    applyEvent(other, attach('222222222222', 'v9'));
    applyEvent(other, attach('111111111111', 'v12'));
    expect(other.get('policy', READ_ONLY)).toEqual(ws.get('policy', READ_ONLY));
  });
});

describe('applyEvent: inline policies', () => {
  it('user-policy-put and -deleted: replaced in place by name, dotted names included', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    const put = (policyName: string, action: string) =>
      f.run((a) =>
        a.putUserPolicy({ userName: 'alice', policyName, policyDocument: allow(action) }),
      );
    put('a.b', 's3:GetObject');
    put('c', 'ec2:*');
    put('a.b', 's3:*');
    expect(f.doc('principal', ALICE)!.inlinePolicies).toEqual([
      { name: 'a.b', document: allow('s3:*') },
      { name: 'c', document: allow('ec2:*') },
    ]);
    f.run((a) => a.deleteUserPolicy({ userName: 'alice', policyName: 'a.b' }));
    expect(f.doc('principal', ALICE)!.inlinePolicies).toEqual([
      { name: 'c', document: allow('ec2:*') },
    ]);
  });

  it('group-policy-put and -deleted', () => {
    const f = new ProjectionFixture();
    f.group('devs');
    f.run((a) =>
      a.putGroupPolicy({ groupName: 'devs', policyName: 'g', policyDocument: allow('ec2:*') }),
    );
    expect(f.doc('group', DEVS)!.inlinePolicies).toEqual([{ name: 'g', document: allow('ec2:*') }]);
    f.run((a) => a.deleteGroupPolicy({ groupName: 'devs', policyName: 'g' }));
    expect(f.doc('group', DEVS)!.inlinePolicies).toEqual([]);
  });

  it('role-policy-put and -deleted', () => {
    const f = new ProjectionFixture();
    f.role('deployer');
    f.run((a) =>
      a.putRolePolicy({ roleName: 'deployer', policyName: 'r', policyDocument: allow('sqs:*') }),
    );
    expect(f.doc('principal', DEPLOYER)!.inlinePolicies).toEqual([
      { name: 'r', document: allow('sqs:*') },
    ]);
    f.run((a) => a.deleteRolePolicy({ roleName: 'deployer', policyName: 'r' }));
    expect(f.doc('principal', DEPLOYER)!.inlinePolicies).toEqual([]);
  });
});

describe('applyEvent: permissions boundaries', () => {
  it('user-permissions-boundary-put and -deleted (an AWS managed boundary is upserted)', () => {
    const f = new ProjectionFixture();
    f.run((a) => a.createUser({ userName: 'alice', permissionsBoundary: READ_ONLY, now, random }));
    expect(f.doc('principal', ALICE)!.permissionsBoundaryArn).toBe(READ_ONLY);
    expect(f.doc('policy', READ_ONLY)!.accountId).toBe('aws');
    f.policy('audit.read');
    f.run((a) => a.putUserPermissionsBoundary({ userName: 'alice', permissionsBoundary: AUDIT }));
    expect(f.doc('principal', ALICE)!.permissionsBoundaryArn).toBe(AUDIT);
    f.run((a) => a.deleteUserPermissionsBoundary({ userName: 'alice' }));
    expect(f.doc('principal', ALICE)).not.toHaveProperty('permissionsBoundaryArn');
  });

  it('role-permissions-boundary-put and -deleted', () => {
    const f = new ProjectionFixture();
    f.role('deployer');
    f.run((a) =>
      a.putRolePermissionsBoundary({ roleName: 'deployer', permissionsBoundary: READ_ONLY }),
    );
    expect(f.doc('principal', DEPLOYER)!.permissionsBoundaryArn).toBe(READ_ONLY);
    f.run((a) => a.deleteRolePermissionsBoundary({ roleName: 'deployer' }));
    expect(f.doc('principal', DEPLOYER)).not.toHaveProperty('permissionsBoundaryArn');
  });
});

describe('applyEvent: idempotency and poison events', () => {
  it('writes nothing when the history is applied again over its own result', () => {
    const f = new ProjectionFixture();
    f.run((a) => a.createAccount({ accountName: 'acme', now }));
    f.user('alice');
    f.group('devs');
    f.policy('audit.read');
    f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: 'alice' }));
    f.run((a) => a.attachGroupPolicy({ groupName: 'devs', policyArn: READ_ONLY }));
    f.run((a) => a.updateGroup({ groupName: 'devs', newGroupName: 'developers' }));
    f.run((a) => a.createPolicyVersion({ policyArn: AUDIT, policyDocument: allow('*'), now }));
    f.run((a) =>
      a.createAccessKey({
        userName: 'alice',
        accessKeyId: KEY_1,
        sealedSecretAccessKey: SEALED,
        now,
      }),
    );
    f.run((a) =>
      a.createAccessKey({
        userName: 'alice',
        accessKeyId: KEY_2,
        sealedSecretAccessKey: SEALED,
        now,
      }),
    );
    f.run((a) => a.updateAccessKey({ userName: 'alice', accessKeyId: KEY_1, status: 'Inactive' }));
    f.run((a) =>
      a.createRootAccessKey({ accessKeyId: ROOT_KEY, sealedSecretAccessKey: SEALED, now }),
    );
    f.run((a) => a.updateUser({ userName: 'alice', newUserName: 'alicia' }));
    f.run((a) => a.deleteAccessKey({ userName: 'alicia', accessKeyId: KEY_2 }));
    f.ws.markWritten();
    const before = KINDS.map((k) => [...f.ws.documents(k)]);
    expect(before[KINDS.indexOf('accessKey')]).toHaveLength(2);
    // Creations of documents moved or deleted later come back, and go again with the later events.
    for (const e of f.events) applyEvent(f.ws, e);
    expect(f.ws.writes()).toEqual([]);
    expect(KINDS.map((k) => [...f.ws.documents(k)])).toEqual(before);
    // An event applied again right away changes nothing at all.
    const last = f.events[f.events.length - 1];
    f.ws.markWritten();
    applyEvent(f.ws, last);
    expect(f.ws.changedRefs()).toEqual([]);
  });

  it('rejects an unknown type', () => {
    const ws = new ProjectionWorkspace({ complete: true });
    expect(() => applyEvent(ws, envelope(1, 'iam.user-created.v9', {}))).toThrow(
      UnknownEventTypeError,
    );
  });

  it.each([
    ['a missing field', { userName: 'alice', userId: 'AIDA1', path: '/', createDate: 'x' }, 'arn'],
    [
      'an ARN of another account',
      {
        userName: 'a',
        userId: 'AIDA1',
        path: '/',
        arn: 'arn:aws:iam::999999999999:user/a',
        createDate: 'x',
      },
      'arn',
    ],
    [
      'a number where a string belongs',
      { userName: 7, userId: 'AIDA1', path: '/', arn: ALICE, createDate: 'x' },
      'userName',
    ],
  ])('rejects a payload with %s', (_what, payload, fieldName) => {
    const ws = new ProjectionWorkspace({ complete: true });
    const error = (() => {
      try {
        applyEvent(ws, envelope(1, IamEventType.UserCreated, payload));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidEventPayloadError);
    expect((error as InvalidEventPayloadError).field).toBe(fieldName);
    expect(ws.changedRefs()).toEqual([]);
  });

  it('applyEventAtomically leaves the workspace as it was when an event fails', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.ws.markWritten();
    const before = f.doc('principal', ALICE);
    const bad = envelope(2, IamEventType.UserPolicyAttached, {
      userName: 'alice',
      userId: 'AIDA1',
      userArn: ALICE,
      policyArn: READ_ONLY,
      policyName: 'ReadOnlyAccess',
      awsManagedPolicy: {
        policyArn: 'arn:aws:iam::123456789012:policy/not-aws',
        policyName: 'x',
        path: '/',
        defaultVersionId: 'v1',
        document: '{}',
      },
    });
    expect(() => applyEventAtomically(f.ws, bad)).toThrow(InvalidEventPayloadError);
    expect(f.ws.changedRefs()).toEqual([]);
    expect(f.doc('principal', ALICE)).toBe(before);
  });
});

describe('applyEvent: access keys', () => {
  const createKey = (userName: string, accessKeyId: string) => (a: Account) =>
    a.createAccessKey({ userName, accessKeyId, sealedSecretAccessKey: SEALED, now });

  it('access-key-created: a key document naming the user (ARN with its path); the user lists the key', () => {
    const f = new ProjectionFixture();
    const [user] = f.run((a) => a.createUser({ userName: 'alice', path: '/eng/', now, random }));
    const userArn = arn('user', 'alice', '/eng/');
    const [created] = f.run(createKey('alice', KEY_1));
    expect(f.doc('accessKey', KEY_1)).toEqual({
      _id: KEY_1,
      accountId: ACCOUNT_ID,
      principalArn: userArn,
      userName: 'alice',
      userId: (user.payload as { userId: string }).userId,
      status: 'Active',
      sealedSecretAccessKey: SEALED,
      createDate: now.toISOString(),
      sequence: created.sequence,
    });
    expect(f.doc('principal', userArn)!.accessKeyIds).toEqual([KEY_1]);
    f.run(createKey('alice', KEY_2));
    expect(f.doc('principal', userArn)!.accessKeyIds).toEqual([KEY_1, KEY_2]);
    expect(touchedIds(created)).toEqual([
      { kind: 'accessKey', id: KEY_1 },
      { kind: 'principal', id: userArn },
    ]);
  });

  it('access-key-updated: the new status, the key document alone written', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.run(createKey('alice', KEY_1));
    f.ws.markWritten();
    const [updated] = f.run((a) =>
      a.updateAccessKey({ userName: 'alice', accessKeyId: KEY_1, status: 'Inactive' }),
    );
    expect(f.ws.changedRefs()).toEqual([{ kind: 'accessKey', id: KEY_1 }]);
    expect(f.doc('accessKey', KEY_1)).toMatchObject({
      status: 'Inactive',
      sequence: updated.sequence,
    });
    f.run((a) => a.updateAccessKey({ userName: 'alice', accessKeyId: KEY_1, status: 'Active' }));
    expect(f.doc('accessKey', KEY_1)!.status).toBe('Active');
  });

  it('access-key-deleted: removes the document and the id from the user (the field goes with the last)', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.run(createKey('alice', KEY_1));
    f.run(createKey('alice', KEY_2));
    f.run((a) => a.deleteAccessKey({ userName: 'alice', accessKeyId: KEY_1 }));
    expect(f.doc('accessKey', KEY_1)).toBeNull();
    expect(f.doc('accessKey', KEY_2)).not.toBeNull();
    expect(f.doc('principal', ALICE)!.accessKeyIds).toEqual([KEY_2]);
    f.run((a) => a.deleteAccessKey({ userName: 'alice', accessKeyId: KEY_2 }));
    expect(f.doc('accessKey', KEY_2)).toBeNull();
    expect(f.doc('principal', ALICE)).not.toHaveProperty('accessKeyIds');
  });

  it('root-access-key-created, -updated, -deleted: a key naming the account root, bound to the account id', () => {
    const f = new ProjectionFixture();
    f.run((a) => a.createAccount({ accountName: 'acme', now }));
    f.ws.markWritten();
    const [created] = f.run((a) =>
      a.createRootAccessKey({ accessKeyId: ROOT_KEY, sealedSecretAccessKey: SEALED, now }),
    );
    expect(touchedIds(created)).toEqual([{ kind: 'accessKey', id: ROOT_KEY }]);
    expect(f.ws.changedRefs()).toEqual([{ kind: 'accessKey', id: ROOT_KEY }]);
    const doc = f.doc('accessKey', ROOT_KEY);
    expect(doc).toEqual({
      _id: ROOT_KEY,
      accountId: ACCOUNT_ID,
      principalArn: `arn:aws:iam::${ACCOUNT_ID}:root`,
      userId: ACCOUNT_ID,
      status: 'Active',
      sealedSecretAccessKey: SEALED,
      createDate: now.toISOString(),
      sequence: created.sequence,
    });
    expect(doc).not.toHaveProperty('userName');
    f.run((a) => a.updateRootAccessKey({ accessKeyId: ROOT_KEY, status: 'Inactive' }));
    expect(f.doc('accessKey', ROOT_KEY)!.status).toBe('Inactive');
    f.run((a) => a.deleteRootAccessKey({ accessKeyId: ROOT_KEY }));
    expect(f.doc('accessKey', ROOT_KEY)).toBeNull();
  });

  it.each([
    ['a rename and a path change', 'alicia', '/ops/'],
    ['a path change alone', 'alice', '/ops/'],
    ['a rename alone', 'alicia', '/'],
  ])(
    'user-updated (%s): the user’s keys follow, one write per key',
    (_what, newUserName, newPath) => {
      const f = new ProjectionFixture();
      f.user('alice');
      f.user('bob');
      f.group('devs');
      f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: 'alice' }));
      f.run(createKey('alice', KEY_1));
      f.run(createKey('alice', KEY_2));
      f.run(createKey('bob', ROOT_KEY));
      f.ws.markWritten();
      const bobsKey = f.doc('accessKey', ROOT_KEY);
      const [updated] = f.run((a) => a.updateUser({ userName: 'alice', newUserName, newPath }));
      const moved = arn('user', newUserName, newPath);
      for (const id of [KEY_1, KEY_2]) {
        expect(f.doc('accessKey', id)).toMatchObject({
          principalArn: moved,
          userName: newUserName,
          sequence: updated.sequence,
        });
      }
      expect(f.doc('principal', moved)!.accessKeyIds).toEqual([KEY_1, KEY_2]);
      expect(f.doc('accessKey', ROOT_KEY)).toBe(bobsKey);
      // The principal moved (old deleted, new put), its group's members list, its two keys.
      expect(f.ws.changedRefs()).toHaveLength(5);
    },
  );

  it('user-deleted: removes keys the user still has (the write side refuses to; should it not)', () => {
    const f = new ProjectionFixture();
    const [user] = f.run((a) => a.createUser({ userName: 'alice', now, random }));
    f.run(createKey('alice', KEY_1));
    const { userId } = user.payload as { userId: string };
    applyEvent(
      f.ws,
      envelope(3, IamEventType.UserDeleted, { userName: 'alice', userId, path: '/', arn: ALICE }),
    );
    expect(f.doc('principal', ALICE)).toBeNull();
    expect(f.doc('accessKey', KEY_1)).toBeNull();
  });

  it('changes nothing when key events and a rename are applied again, in part or whole', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.run(createKey('alice', KEY_1));
    f.run((a) => a.updateAccessKey({ userName: 'alice', accessKeyId: KEY_1, status: 'Inactive' }));
    f.run(createKey('alice', KEY_2));
    f.run((a) => a.updateUser({ userName: 'alice', newUserName: 'alicia', newPath: '/x/' }));
    f.run((a) => a.deleteAccessKey({ userName: 'alicia', accessKeyId: KEY_2 }));
    f.ws.markWritten();
    const before = KINDS.map((k) => [...f.ws.documents(k)]);
    for (let from = f.events.length - 1; from >= 0; from--) {
      for (const e of f.events.slice(from)) applyEvent(f.ws, e);
      expect(f.ws.writes()).toEqual([]);
    }
    expect(KINDS.map((k) => [...f.ws.documents(k)])).toEqual(before);
    expect(f.doc('accessKey', KEY_1)).toMatchObject({
      principalArn: arn('user', 'alicia', '/x/'),
      userName: 'alicia',
      status: 'Inactive',
    });
  });

  it('refuses a key id another account holds, and never changes another account’s key', () => {
    const f = new ProjectionFixture();
    f.run((a) => a.createAccount({ accountName: 'acme', now }));
    f.run((a) =>
      a.createRootAccessKey({ accessKeyId: ROOT_KEY, sealedSecretAccessKey: SEALED, now }),
    );
    f.ws.markWritten();
    const theirs = f.doc('accessKey', ROOT_KEY);
    const OTHER = '210987654321';
    const other = (sequence: number, type: string, payload: object) =>
      envelope(sequence, type, { accountId: OTHER, accessKeyId: ROOT_KEY, ...payload }, OTHER);
    expect(() =>
      applyEventAtomically(
        f.ws,
        other(5, IamEventType.RootAccessKeyCreated, {
          status: 'Active',
          sealedSecretAccessKey: SEALED,
          createDate: now.toISOString(),
        }),
      ),
    ).toThrow(InvalidEventPayloadError);
    applyEvent(f.ws, other(6, IamEventType.RootAccessKeyUpdated, { status: 'Inactive' }));
    applyEvent(f.ws, other(7, IamEventType.RootAccessKeyDeleted, {}));
    expect(f.ws.changedRefs()).toEqual([]);
    expect(f.doc('accessKey', ROOT_KEY)).toBe(theirs);
  });

  it.each([
    [
      'a status that is neither Active nor Inactive',
      IamEventType.RootAccessKeyUpdated,
      { accountId: ACCOUNT_ID, accessKeyId: ROOT_KEY, status: 'Expired' },
      'status',
    ],
    [
      'a root key of another account',
      IamEventType.RootAccessKeyDeleted,
      { accountId: '210987654321', accessKeyId: ROOT_KEY },
      'accountId',
    ],
    [
      'a user key without its sealed secret',
      IamEventType.AccessKeyCreated,
      {
        userName: 'alice',
        userId: 'AIDA1',
        userArn: ALICE,
        accessKeyId: KEY_1,
        status: 'Active',
        createDate: 'x',
      },
      'sealedSecretAccessKey',
    ],
  ])('rejects a key event with %s', (_what, type, payload, fieldName) => {
    const ws = new ProjectionWorkspace({ complete: true });
    let error: unknown;
    try {
      applyEventAtomically(ws, envelope(1, type, payload));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidEventPayloadError);
    expect((error as InvalidEventPayloadError).field).toBe(fieldName);
    expect(ws.changedRefs()).toEqual([]);
  });
});

describe('applyEvent: other credentials change no read model', () => {
  it('login profiles, the password policy, MFA devices and their codes, lockouts, key use: applied, nothing written', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.run((a) =>
      a.createAccessKey({
        userName: 'alice',
        accessKeyId: KEY_1,
        sealedSecretAccessKey: SEALED,
        now,
      }),
    );
    f.ws.markWritten();
    const key = f.doc('accessKey', KEY_1);
    expect(key).toBeDefined();
    const before = f.doc('principal', ALICE);
    const serial = `arn:aws:iam::${ACCOUNT_ID}:mfa/phone`;
    const sealed = SEALED;
    const verifyCodes = () => ({ ok: true as const, step: 100 });
    const hash = '$scrypt$ln=10,r=8,p=1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g';
    const commands: ((a: Account) => unknown)[] = [
      (a) => a.createLoginProfile({ userName: 'alice', passwordHash: hash, now }),
      (a) => a.updateLoginProfile({ userName: 'alice', passwordResetRequired: true, now }),
      (a) => a.changePassword({ userName: 'alice', passwordHash: hash, now }),
      (a) => a.deleteLoginProfile({ userName: 'alice' }),
      (a) =>
        a.updateAccountPasswordPolicy({
          policy: {
            minimumPasswordLength: 12,
            requireSymbols: true,
            requireNumbers: true,
            requireUppercaseCharacters: true,
            requireLowercaseCharacters: true,
            allowUsersToChangePassword: true,
            hardExpiry: false,
          },
        }),
      (a) => a.deleteAccountPasswordPolicy(),
      (a) => a.createVirtualMfaDevice({ virtualMfaDeviceName: 'phone', sealedSeed: sealed, now }),
      (a) => a.enableMfaDevice({ userName: 'alice', serialNumber: serial, verifyCodes, now }),
      (a) =>
        a.resyncMfaDevice({
          userName: 'alice',
          serialNumber: serial,
          verifyCodes: () => ({ ok: true, step: 101 }),
        }),
      (a) =>
        a.useMfaCode({
          userName: 'alice',
          serialNumber: serial,
          purpose: 'GetSessionToken',
          verifyCode: () => ({ ok: true, step: 102 }),
        }),
      (a) => a.recordSignInLockout({ userName: 'alice', failures: 5, until: now }),
      (a) =>
        a.recordAccessKeyUsage({
          usage: [
            { accessKeyId: KEY_1, lastUsedDate: now, serviceName: 'iam', region: 'us-east-1' },
          ],
        }),
      (a) => a.deactivateMfaDevice({ userName: 'alice', serialNumber: serial }),
      (a) => a.deleteVirtualMfaDevice({ serialNumber: serial }),
    ];
    for (const command of commands) {
      const raised = f.run(command);
      expect(raised).toHaveLength(1);
      expect(touchedIds(raised[0])).toEqual([]);
      expect(f.ws.changedRefs()).toEqual([]);
    }
    expect(f.doc('principal', ALICE)).toEqual(before);
    expect(f.doc('accessKey', KEY_1)).toEqual(key);
  });
});
