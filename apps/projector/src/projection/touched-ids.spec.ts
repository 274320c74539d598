import { IamEventType } from '@portcullis/contracts';
import {
  allow,
  arn,
  envelope,
  now,
  ProjectionFixture,
  random,
  TRUST_DOC,
} from '../testing/projection.fixture';
import { applyEvent } from './apply-event';
import { ProjectionWorkspace } from './projection-workspace';
import { fanOutIds, touchedIds } from './touched-ids';

/** A history that uses every event type, renames and fan-outs included. */
function everything(): ProjectionFixture {
  const f = new ProjectionFixture();
  const RO = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
  f.run((a) => a.createAccount({ accountName: 'acme', now }));
  f.run((a) =>
    a.createUser({
      userName: 'alice',
      permissionsBoundary: RO,
      tags: [{ Key: 'k', Value: 'v' }],
      now,
      random,
    }),
  );
  f.user('bob');
  f.group('devs');
  f.group('ops');
  f.role('deployer');
  f.policy('audit');
  for (const u of ['alice', 'bob'])
    for (const g of ['devs', 'ops']) f.run((a) => a.addUserToGroup({ groupName: g, userName: u }));
  const P = arn('policy', 'audit');
  f.run((a) => a.attachUserPolicy({ userName: 'alice', policyArn: RO }));
  f.run((a) => a.attachGroupPolicy({ groupName: 'devs', policyArn: P }));
  f.run((a) => a.attachRolePolicy({ roleName: 'deployer', policyArn: RO }));
  f.run((a) =>
    a.putUserPolicy({ userName: 'alice', policyName: 'i', policyDocument: allow('s3:*') }),
  );
  f.run((a) =>
    a.putGroupPolicy({ groupName: 'devs', policyName: 'i', policyDocument: allow('s3:*') }),
  );
  f.run((a) =>
    a.putRolePolicy({ roleName: 'deployer', policyName: 'i', policyDocument: allow('s3:*') }),
  );
  f.run((a) => a.putRolePermissionsBoundary({ roleName: 'deployer', permissionsBoundary: P }));
  f.run((a) => a.tagRole({ roleName: 'deployer', tags: [{ Key: 'k', Value: 'v' }] }));
  f.run((a) => a.tagPolicy({ policyArn: P, tags: [{ Key: 'k', Value: 'v' }] }));
  f.run((a) => a.createPolicyVersion({ policyArn: P, policyDocument: allow('*'), now }));
  f.run((a) => a.setDefaultPolicyVersion({ policyArn: P, versionId: 'v2', now }));
  f.run((a) => a.deletePolicyVersion({ policyArn: P, versionId: 'v1' }));
  f.run((a) =>
    a.updateAssumeRolePolicy({
      roleName: 'deployer',
      policyDocument: TRUST_DOC.replace('ec2', 'lambda'),
    }),
  );
  f.run((a) => a.updateRole({ roleName: 'deployer', maxSessionDuration: 7200 }));
  const key = (accessKeyId: string) => ({ accessKeyId, sealedSecretAccessKey: 'v1.k.iv.ct', now });
  f.run((a) => a.createAccessKey({ userName: 'bob', ...key('AKIABOB0000000000001') }));
  f.run((a) => a.createAccessKey({ userName: 'bob', ...key('AKIABOB0000000000002') }));
  f.run((a) => a.createRootAccessKey(key('AKIAROOT000000000001')));
  f.run((a) => a.updateRootAccessKey({ accessKeyId: 'AKIAROOT000000000001', status: 'Inactive' }));
  f.run((a) => a.updateGroup({ groupName: 'devs', newGroupName: 'developers' }));
  f.run((a) => a.updateUser({ userName: 'bob', newUserName: 'robert', newPath: '/x/' }));
  f.run((a) =>
    a.updateAccessKey({
      userName: 'robert',
      accessKeyId: 'AKIABOB0000000000001',
      status: 'Inactive',
    }),
  );
  f.run((a) => a.deleteAccessKey({ userName: 'robert', accessKeyId: 'AKIABOB0000000000002' }));
  f.run((a) => a.deleteRootAccessKey({ accessKeyId: 'AKIAROOT000000000001' }));
  f.run((a) => a.untagUser({ userName: 'alice', tagKeys: ['k'] }));
  f.run((a) => a.untagRole({ roleName: 'deployer', tagKeys: ['k'] }));
  f.run((a) => a.untagPolicy({ policyArn: P, tagKeys: ['k'] }));
  f.run((a) => a.detachUserPolicy({ userName: 'alice', policyArn: RO }));
  f.run((a) => a.detachGroupPolicy({ groupName: 'developers', policyArn: P }));
  f.run((a) => a.detachRolePolicy({ roleName: 'deployer', policyArn: RO }));
  f.run((a) => a.deleteUserPolicy({ userName: 'alice', policyName: 'i' }));
  f.run((a) => a.deleteGroupPolicy({ groupName: 'developers', policyName: 'i' }));
  f.run((a) => a.deleteRolePolicy({ roleName: 'deployer', policyName: 'i' }));
  f.run((a) => a.deleteUserPermissionsBoundary({ userName: 'alice' }));
  f.run((a) => a.deleteRolePermissionsBoundary({ roleName: 'deployer' }));
  for (const u of ['alice', 'robert'])
    for (const g of ['developers', 'ops'])
      f.run((a) => a.removeUserFromGroup({ groupName: g, userName: u }));
  f.run((a) => a.deleteUser({ userName: 'alice' }));
  f.run((a) => a.deleteGroup({ groupName: 'ops' }));
  f.run((a) => a.deleteRole({ roleName: 'deployer' }));
  return f;
}

describe('touchedIds and fanOutIds', () => {
  it('name every document each event reads or writes (a strict workspace loaded with them alone suffices)', () => {
    const f = everything();
    const store = new ProjectionWorkspace({ complete: true });
    for (const e of f.events) {
      const ws = new ProjectionWorkspace();
      const load = (refs: { kind: Parameters<typeof store.get>[0]; id: string }[]) => {
        for (const r of ws.missing(refs)) ws.load(r.kind, r.id, store.get(r.kind, r.id));
      };
      load(touchedIds(e));
      load(fanOutIds(e, ws));
      applyEvent(ws, e);
      for (const w of ws.writes()) {
        if ('put' in w) store.put(w.put, w.doc);
        else store.delete(w.delete, w.id);
      }
    }
    expect([...f.ws.documents('accessKey')].map((k) => k._id)).toEqual(['AKIABOB0000000000001']);
    for (const kind of ['principal', 'group', 'groupMembers', 'policy', 'accessKey'] as const) {
      expect([...store.documents(kind)].sort((a, b) => a._id.localeCompare(b._id))).toEqual(
        [...f.ws.documents(kind)].sort((a, b) => a._id.localeCompare(b._id)),
      );
    }
  });

  it('mark only what a Create event begins as created', () => {
    const f = everything();
    const created = f.events.flatMap((e) =>
      touchedIds(e)
        .filter((t) => t.creates)
        .map((t) => `${e.type} ${t.kind}`),
    );
    expect([...new Set(created)].sort()).toEqual([
      'iam.group-created.v1 group',
      'iam.group-created.v1 groupMembers',
      'iam.policy-created.v1 policy',
      'iam.role-created.v1 principal',
      'iam.user-created.v1 principal',
    ]);
  });

  it('fan out a group rename to its members and a user rename to its groups and keys, nothing else', () => {
    const f = new ProjectionFixture();
    f.user('alice');
    f.user('bob');
    f.group('devs');
    f.group('ops');
    for (const u of ['alice', 'bob'])
      f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: u }));
    f.run((a) => a.addUserToGroup({ groupName: 'ops', userName: 'alice' }));
    f.run((a) =>
      a.createAccessKey({
        userName: 'alice',
        accessKeyId: 'AKIAALICE00000000001',
        sealedSecretAccessKey: 'v1.k.iv.ct',
        now,
      }),
    );
    const rename = (type: string, payload: object) => envelope(99, type, payload);
    expect(
      fanOutIds(
        rename(IamEventType.GroupUpdated, {
          oldArn: arn('group', 'devs'),
          newArn: arn('group', 'd2'),
        }),
        f.ws,
      ),
    ).toEqual([
      { kind: 'principal', id: arn('user', 'alice') },
      { kind: 'principal', id: arn('user', 'bob') },
    ]);
    expect(
      fanOutIds(
        rename(IamEventType.UserUpdated, {
          oldArn: arn('user', 'alice'),
          newArn: arn('user', 'a2'),
        }),
        f.ws,
      ),
    ).toEqual([
      { kind: 'groupMembers', id: arn('group', 'devs') },
      { kind: 'groupMembers', id: arn('group', 'ops') },
      { kind: 'accessKey', id: 'AKIAALICE00000000001' },
    ]);
    expect(fanOutIds(rename(IamEventType.UserDeleted, { arn: arn('user', 'bob') }), f.ws)).toEqual([
      { kind: 'groupMembers', id: arn('group', 'devs') },
    ]);
    expect(
      fanOutIds(rename(IamEventType.GroupPolicyAttached, { groupArn: arn('group', 'devs') }), f.ws),
    ).toEqual([]);
  });

  it('answer what they can for malformed payloads and nothing for unknown types', () => {
    expect(
      touchedIds(envelope(1, IamEventType.UserUpdated, { oldArn: 7, newArn: arn('user', 'x') })),
    ).toEqual([{ kind: 'principal', id: arn('user', 'x') }]);
    expect(touchedIds(envelope(1, IamEventType.UserCreated, null))).toEqual([]);
    expect(touchedIds(envelope(1, 'iam.something-new.v1', { arn: arn('user', 'x') }))).toEqual([]);
  });
});
