import {
  ADMIN,
  customerArn,
  doc,
  groupArn,
  now,
  random,
  READ_ONLY,
  roleArn,
  Scenario,
  TRUST,
  userArn,
  VIEW_ONLY,
} from '../testing/account.fixture';

const P = customerArn('p');
const Q = customerArn('q', '/team/');

/** alice (in devs and ops), bob, role app; policies p and q; AWS ReadOnly and Admin. */
const given = () =>
  Scenario.given((a) => {
    a.createUser({ userName: 'alice', path: '/eng/', now, random });
    a.createUser({ userName: 'bob', now, random });
    a.createGroup({ groupName: 'devs', now, random });
    a.createGroup({ groupName: 'ops', path: '/eng/', now, random });
    a.addUserToGroup({ groupName: 'devs', userName: 'alice' });
    a.addUserToGroup({ groupName: 'ops', userName: 'alice' });
    a.createPolicy({ policyName: 'p', policyDocument: doc('s3:GetObject'), now, random });
    a.createPolicy({ policyName: 'q', path: '/team/', policyDocument: doc('ec2:*'), now, random });
    a.putUserPolicy({ userName: 'alice', policyName: 'own', policyDocument: doc('sqs:*') });
    a.attachUserPolicy({ userName: 'alice', policyArn: P });
    a.putGroupPolicy({ groupName: 'devs', policyName: 'dev', policyDocument: doc('sns:*') });
    a.attachGroupPolicy({ groupName: 'devs', policyArn: P }); // also on alice: listed once
    a.attachGroupPolicy({ groupName: 'devs', policyArn: READ_ONLY });
    a.attachGroupPolicy({ groupName: 'ops', policyArn: Q });
    a.putUserPermissionsBoundary({ userName: 'alice', permissionsBoundary: ADMIN });
    a.createRole({ roleName: 'app', assumeRolePolicyDocument: TRUST, now, random });
    a.putRolePolicy({ roleName: 'app', policyName: 'r', policyDocument: doc('dynamodb:*') });
    a.attachRolePolicy({ roleName: 'app', policyArn: Q });
  });

const ALICE = userArn('alice', '/eng/');

describe('policiesOf (IAM authorizes IAM)', () => {
  it("gives a user's inline and attached policies, then its groups', and its boundary apart", () => {
    const { account } = given();
    expect(account.policiesOf(ALICE)).toEqual({
      principalArn: ALICE,
      principalType: 'user',
      identityPolicies: [
        { id: `${ALICE}#inline/own`, kind: 'inline', document: doc('sqs:*'), via: ALICE },
        {
          id: P,
          kind: 'managed',
          document: doc('s3:GetObject'),
          via: ALICE,
          versionId: 'v1',
          awsManaged: false,
        },
        {
          id: `${groupArn('devs')}#inline/dev`,
          kind: 'inline',
          document: doc('sns:*'),
          via: groupArn('devs'),
        },
        {
          id: READ_ONLY,
          kind: 'managed',
          document: doc('s3:Get*'),
          via: groupArn('devs'),
          versionId: 'v3',
          awsManaged: true,
        },
        {
          id: Q,
          kind: 'managed',
          document: doc('ec2:*'),
          via: groupArn('ops', '/eng/'),
          versionId: 'v1',
          awsManaged: false,
        },
      ],
      permissionsBoundary: {
        id: ADMIN,
        kind: 'managed',
        document: doc('*'),
        via: ALICE,
        versionId: 'v3',
        awsManaged: true,
      },
    });
  });

  it('gives a role its own policies, also for an assumed-role session', () => {
    const { account } = given();
    const expected = [
      {
        id: `${roleArn('app')}#inline/r`,
        kind: 'inline',
        document: doc('dynamodb:*'),
        via: roleArn('app'),
      },
      {
        id: Q,
        kind: 'managed',
        document: doc('ec2:*'),
        via: roleArn('app'),
        versionId: 'v1',
        awsManaged: false,
      },
    ];
    expect(account.policiesOf(roleArn('app'))).toEqual({
      principalArn: roleArn('app'),
      principalType: 'role',
      identityPolicies: expected,
    });
    expect(
      account.policiesOf('arn:aws:sts::123456789012:assumed-role/app/session-1')?.identityPolicies,
    ).toEqual(expected);
  });

  it('gives the root user no policies: it may do everything in its account', () => {
    expect(given().account.policiesOf('arn:aws:iam::123456789012:root')).toEqual({
      principalArn: 'arn:aws:iam::123456789012:root',
      principalType: 'root',
      identityPolicies: [],
    });
  });

  it('knows no principal of another account, of another path, or that does not exist', () => {
    const { account } = given();
    for (const arn of [
      'arn:aws:iam::999999999999:root',
      'arn:aws:iam::999999999999:user/eng/alice',
      userArn('alice'),
      userArn('carol'),
      roleArn('app', '/x/'),
      'arn:aws:sts::123456789012:assumed-role/nope/s',
      'not an arn',
    ]) {
      expect(account.policiesOf(arn)).toBeUndefined();
    }
  });

  it('follows changes: a new default version, a detachment, leaving a group', () => {
    const s = given();
    s.when((a) =>
      a.createPolicyVersion({
        policyArn: Q,
        policyDocument: doc('ec2:Describe*'),
        setAsDefault: true,
        now,
      }),
    );
    s.when((a) => a.removeUserFromGroup({ groupName: 'devs', userName: 'alice' }));
    s.when((a) => a.detachUserPolicy({ userName: 'alice', policyArn: P }));
    expect(s.account.policiesOf(ALICE)?.identityPolicies.map((p) => [p.id, p.versionId])).toEqual([
      [`${ALICE}#inline/own`, undefined],
      [Q, 'v2'],
    ]);
  });
});

describe('read API', () => {
  it('answers frozen snapshots that later changes do not touch', () => {
    const s = given();
    const user = s.account.getUser('alice')!;
    const groups = s.account.listGroupsForUser('alice');
    expect(Object.isFrozen(user)).toBe(true);
    expect(Object.isFrozen(user.tags)).toBe(true);
    expect(Object.isFrozen(groups)).toBe(true);
    expect(() => (groups as unknown as unknown[]).push(1)).toThrow();
    s.when((a) => a.tagUser({ userName: 'alice', tags: [{ Key: 'k', Value: 'v' }] }));
    s.when((a) => a.removeUserFromGroup({ groupName: 'ops', userName: 'alice' }));
    expect(user.tags).toEqual([]);
    expect(groups).toHaveLength(2);
  });

  it('lists users, groups, roles sorted by name, filtered by path prefix', () => {
    const { account } = given();
    expect(account.listUsers().map((u) => u.userName)).toEqual(['alice', 'bob']);
    expect(account.listUsers({ pathPrefix: '/eng' }).map((u) => u.userName)).toEqual(['alice']);
    expect(account.listGroups({ pathPrefix: '/eng/' }).map((g) => g.groupName)).toEqual(['ops']);
    expect(account.listRoles().map((r) => r.roleName)).toEqual(['app']);
    expect(() => account.listUsers({ pathPrefix: 'eng' })).toThrow(
      expect.objectContaining({ code: 'ValidationError' }),
    );
  });

  it('GetGroup gives the group with its users; lookups of missing things answer undefined', () => {
    const { account } = given();
    expect(account.getGroup('DEVS')).toMatchObject({
      group: { groupName: 'devs', arn: groupArn('devs') },
      users: [{ userName: 'alice' }],
    });
    expect(account.getGroup('nope')).toBeUndefined();
    expect(account.getUser('nope')).toBeUndefined();
    expect(account.getRole('nope')).toBeUndefined();
    expect(account.getPolicy(customerArn('nope'))).toBeUndefined();
    expect(account.getPolicyVersion(P, 'v2')).toBeUndefined();
    expect(account.getUserPolicy('alice', 'nope')).toBeUndefined();
  });

  it('lists scoped to an entity throw NoSuchEntity for a missing one, as AWS does', () => {
    const { account } = given();
    expect(() => account.listGroupsForUser('nope')).toThrow(
      'The user with name nope cannot be found.',
    );
    expect(() => account.listAttachedRolePolicies('nope')).toThrow(
      'The role with name nope cannot be found.',
    );
    expect(() => account.listPolicyVersions(customerArn('nope'))).toThrow('was not found.');
    expect(() => account.listEntitiesForPolicy(customerArn('nope'))).toThrow('was not found.');
  });

  it('lists policies by scope, attached only, and path', () => {
    const { account } = given();
    expect(account.listPolicies({ scope: 'Local' }).map((p) => p.policyName)).toEqual(['p', 'q']);
    expect(
      account.listPolicies({ scope: 'Local', pathPrefix: '/team/' }).map((p) => p.policyName),
    ).toEqual(['q']);
    expect(account.listPolicies({ scope: 'AWS', onlyAttached: true }).map((p) => p.arn)).toEqual([
      READ_ONLY,
    ]);
    expect(account.listPolicies().length).toBe(2 + 15);
    expect(account.getPolicy(VIEW_ONLY)).toMatchObject({
      path: '/job-function/',
      awsManaged: true,
      attachmentCount: 0,
    });
    expect(account.listPolicyVersions(READ_ONLY)).toEqual([
      { versionId: 'v3', document: doc('s3:Get*'), isDefaultVersion: true },
    ]);
  });

  it('lists the entities of a policy, attached and as a boundary', () => {
    const { account } = given();
    expect(account.listEntitiesForPolicy(Q)).toEqual({
      policyUsers: [],
      policyGroups: [
        { name: 'ops', id: expect.stringMatching(/^AGPA/), arn: groupArn('ops', '/eng/') },
      ],
      policyRoles: [{ name: 'app', id: expect.stringMatching(/^AROA/), arn: roleArn('app') }],
      boundaryUsers: [],
      boundaryRoles: [],
    });
    expect(account.listEntitiesForPolicy(ADMIN).boundaryUsers.map((e) => e.arn)).toEqual([ALICE]);
    expect(account.getPolicy(P)).toMatchObject({ attachmentCount: 2 });
  });
});
