import {
  ADMIN,
  customerArn,
  doc,
  now,
  random,
  READ_ONLY,
  TRUST,
  userArn,
} from '@portcullis/domain/account/testing/account.fixture';
import { readFixture, type ReadFixture } from './testing/read-fixture';

const P = customerArn('p');
const Q = customerArn('q', '/team/');

/** alice (/eng/, in devs and ops, boundary, tags), bob, carol (/eng/ml/); role app. */
async function given(): Promise<ReadFixture> {
  const f = await readFixture();
  const a = f.account;
  a.createUser({ userName: 'alice', path: '/eng/', now, random });
  a.createUser({ userName: 'Bob', now, random });
  a.createUser({ userName: 'carol', path: '/eng/ml/', now, random });
  a.tagUser({
    userName: 'alice',
    tags: [
      { Key: 'team', Value: 'core' },
      { Key: 'Cost', Value: '1' },
    ],
  });
  a.putUserPermissionsBoundary({ userName: 'alice', permissionsBoundary: ADMIN });
  a.createGroup({ groupName: 'ops', path: '/eng/', now, random });
  a.createGroup({ groupName: 'devs', now, random });
  a.addUserToGroup({ groupName: 'ops', userName: 'alice' });
  a.addUserToGroup({ groupName: 'devs', userName: 'alice' });
  a.addUserToGroup({ groupName: 'devs', userName: 'Bob' });
  a.createPolicy({ policyName: 'p', policyDocument: doc('s3:GetObject'), now, random });
  a.createPolicy({ policyName: 'q', path: '/team/', policyDocument: doc('ec2:*'), now, random });
  a.putUserPolicy({ userName: 'alice', policyName: 'zeta', policyDocument: doc('sqs:*') });
  a.putUserPolicy({ userName: 'alice', policyName: 'Alpha', policyDocument: doc('sns:*') });
  a.attachUserPolicy({ userName: 'alice', policyArn: READ_ONLY });
  a.attachUserPolicy({ userName: 'alice', policyArn: Q });
  a.attachUserPolicy({ userName: 'alice', policyArn: P });
  a.putGroupPolicy({ groupName: 'devs', policyName: 'dev', policyDocument: doc('sns:*') });
  a.attachGroupPolicy({ groupName: 'devs', policyArn: P });
  a.createRole({
    roleName: 'app',
    path: '/svc/',
    assumeRolePolicyDocument: TRUST,
    description: 'the app',
    tags: [{ Key: 'env', Value: 'prod' }],
    now,
    random,
  });
  a.createRole({ roleName: 'batch', assumeRolePolicyDocument: TRUST, now, random });
  a.putRolePermissionsBoundary({ roleName: 'app', permissionsBoundary: P });
  a.putRolePolicy({ roleName: 'app', policyName: 'r', policyDocument: doc('dynamodb:*') });
  a.attachRolePolicy({ roleName: 'app', policyArn: Q });
  a.takePending();
  return f;
}

describe('user reads', () => {
  let f: ReadFixture;
  beforeAll(async () => (f = await given()));

  it('GetUser answers the user with its boundary and tags', async () => {
    expect(await f.ok('GetUser', { UserName: 'ALICE' })).toEqual({
      User: {
        Path: '/eng/',
        UserName: 'alice',
        UserId: expect.stringMatching(/^AIDA[A-Z0-9]{17}$/),
        Arn: userArn('alice', '/eng/'),
        CreateDate: now.toISOString(),
        PermissionsBoundary: {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          PermissionsBoundaryArn: ADMIN,
        },
        Tags: [
          { Key: 'team', Value: 'core' },
          { Key: 'Cost', Value: '1' },
        ],
      },
    });
    expect(await f.ok('GetUser', { UserName: 'Bob' })).toEqual({
      User: expect.not.objectContaining({ Tags: expect.anything() }),
    });
  });

  it('ListUsers lists by name without tags or boundary, filtered by PathPrefix', async () => {
    const all = await f.ok('ListUsers');
    expect(all).toEqual({
      Users: [
        expect.objectContaining({ UserName: 'alice', Path: '/eng/' }),
        expect.objectContaining({ UserName: 'Bob', Path: '/' }),
        expect.objectContaining({ UserName: 'carol', Path: '/eng/ml/' }),
      ],
      IsTruncated: false,
    });
    expect(Object.keys((all.Users as object[])[0]).sort()).toEqual(
      ['Arn', 'CreateDate', 'Path', 'UserId', 'UserName'].sort(),
    );
    const eng = await f.ok('ListUsers', { PathPrefix: '/eng/' });
    expect((eng.Users as { UserName: string }[]).map((u) => u.UserName)).toEqual([
      'alice',
      'carol',
    ]);
    const ml = await f.ok('ListUsers', { PathPrefix: '/eng/ml' });
    expect((ml.Users as { UserName: string }[]).map((u) => u.UserName)).toEqual(['carol']);
  });

  it('ListUsers pages with MaxItems and Marker', async () => {
    const first = await f.ok('ListUsers', { MaxItems: 2 });
    expect(first).toMatchObject({ IsTruncated: true, Marker: expect.any(String) });
    expect((first.Users as { UserName: string }[]).map((u) => u.UserName)).toEqual([
      'alice',
      'Bob',
    ]);
    const next = await f.ok('ListUsers', { MaxItems: 2, Marker: first.Marker });
    expect(next).toEqual({
      Users: [expect.objectContaining({ UserName: 'carol' })],
      IsTruncated: false,
    });
  });

  it('ListGroupsForUser, ListUserTags, ListUserPolicies, GetUserPolicy, ListAttachedUserPolicies', async () => {
    expect(await f.ok('ListGroupsForUser', { UserName: 'alice' })).toEqual({
      Groups: [
        expect.objectContaining({
          GroupName: 'devs',
          Path: '/',
          GroupId: expect.stringMatching(/^AGPA/),
        }),
        expect.objectContaining({ GroupName: 'ops', Path: '/eng/' }),
      ],
      IsTruncated: false,
    });
    expect(await f.ok('ListUserTags', { UserName: 'alice' })).toEqual({
      Tags: [
        { Key: 'Cost', Value: '1' },
        { Key: 'team', Value: 'core' },
      ],
      IsTruncated: false,
    });
    expect(await f.ok('ListUserTags', { UserName: 'Bob' })).toEqual({
      Tags: [],
      IsTruncated: false,
    });
    expect(await f.ok('ListUserPolicies', { UserName: 'alice' })).toEqual({
      PolicyNames: ['Alpha', 'zeta'],
      IsTruncated: false,
    });
    expect(await f.ok('GetUserPolicy', { UserName: 'alice', PolicyName: 'ZETA' })).toEqual({
      UserName: 'alice',
      PolicyName: 'zeta',
      PolicyDocument: doc('sqs:*'),
    });
    expect(await f.ok('ListAttachedUserPolicies', { UserName: 'alice' })).toEqual({
      AttachedPolicies: [
        { PolicyName: 'p', PolicyArn: P },
        { PolicyName: 'q', PolicyArn: Q },
        { PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY },
      ],
      IsTruncated: false,
    });
    expect(
      await f.ok('ListAttachedUserPolicies', {
        UserName: 'alice',
        PathPrefix: '/team/',
        MaxItems: 1,
      }),
    ).toEqual({ AttachedPolicies: [{ PolicyName: 'q', PolicyArn: Q }], IsTruncated: false });
  });

  it('answers NoSuchEntity with AWS wording for a missing user or inline policy', async () => {
    const missing = { Code: 'NoSuchEntity', Message: 'The user with name nobody cannot be found.' };
    for (const action of [
      'GetUser',
      'ListGroupsForUser',
      'ListUserTags',
      'ListUserPolicies',
      'ListAttachedUserPolicies',
    ]) {
      expect(await f.fails(action, { UserName: 'nobody' })).toEqual(missing);
    }
    expect(await f.fails('GetUserPolicy', { UserName: 'nobody', PolicyName: 'x' })).toEqual(
      missing,
    );
    expect(await f.fails('GetUserPolicy', { UserName: 'alice', PolicyName: 'x' })).toEqual({
      Code: 'NoSuchEntity',
      Message: 'The user policy with name x cannot be found.',
    });
  });
});

describe('group reads', () => {
  let f: ReadFixture;
  beforeAll(async () => (f = await given()));

  it('GetGroup answers the group and its users, paginated', async () => {
    const first = await f.ok('GetGroup', { GroupName: 'devs', MaxItems: 1 });
    expect(first).toEqual({
      Group: {
        Path: '/',
        GroupName: 'devs',
        GroupId: expect.stringMatching(/^AGPA/),
        Arn: 'arn:aws:iam::123456789012:group/devs',
        CreateDate: now.toISOString(),
      },
      Users: [expect.objectContaining({ UserName: 'alice' })],
      IsTruncated: true,
      Marker: expect.any(String),
    });
    expect(await f.ok('GetGroup', { GroupName: 'devs', Marker: first.Marker })).toEqual({
      Group: first.Group,
      Users: [expect.objectContaining({ UserName: 'Bob' })],
      IsTruncated: false,
    });
  });

  it('ListGroups, ListGroupPolicies, GetGroupPolicy, ListAttachedGroupPolicies', async () => {
    expect(await f.ok('ListGroups')).toEqual({
      Groups: [
        expect.objectContaining({ GroupName: 'devs' }),
        expect.objectContaining({ GroupName: 'ops' }),
      ],
      IsTruncated: false,
    });
    expect(await f.ok('ListGroups', { PathPrefix: '/eng/' })).toEqual({
      Groups: [expect.objectContaining({ GroupName: 'ops' })],
      IsTruncated: false,
    });
    expect(await f.ok('ListGroupPolicies', { GroupName: 'devs' })).toEqual({
      PolicyNames: ['dev'],
      IsTruncated: false,
    });
    expect(await f.ok('GetGroupPolicy', { GroupName: 'DEVS', PolicyName: 'dev' })).toEqual({
      GroupName: 'devs',
      PolicyName: 'dev',
      PolicyDocument: doc('sns:*'),
    });
    expect(await f.ok('ListAttachedGroupPolicies', { GroupName: 'devs' })).toEqual({
      AttachedPolicies: [{ PolicyName: 'p', PolicyArn: P }],
      IsTruncated: false,
    });
  });

  it('answers NoSuchEntity for a missing group', async () => {
    const missing = { Code: 'NoSuchEntity', Message: 'The group with name nope cannot be found.' };
    for (const action of ['GetGroup', 'ListGroupPolicies', 'ListAttachedGroupPolicies']) {
      expect(await f.fails(action, { GroupName: 'nope' })).toEqual(missing);
    }
    expect(await f.fails('GetGroupPolicy', { GroupName: 'devs', PolicyName: 'x' })).toEqual({
      Code: 'NoSuchEntity',
      Message: 'The group policy with name x cannot be found.',
    });
  });
});

describe('role reads', () => {
  let f: ReadFixture;
  beforeAll(async () => (f = await given()));

  it('GetRole answers the role with trust policy, boundary and tags; ListRoles leaves those out', async () => {
    expect(await f.ok('GetRole', { RoleName: 'app' })).toEqual({
      Role: {
        Path: '/svc/',
        RoleName: 'app',
        RoleId: expect.stringMatching(/^AROA/),
        Arn: 'arn:aws:iam::123456789012:role/svc/app',
        CreateDate: now.toISOString(),
        AssumeRolePolicyDocument: TRUST,
        Description: 'the app',
        MaxSessionDuration: 3600,
        PermissionsBoundary: {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          PermissionsBoundaryArn: P,
        },
        Tags: [{ Key: 'env', Value: 'prod' }],
      },
    });
    const roles = await f.ok('ListRoles');
    expect(roles).toEqual({
      Roles: [
        expect.objectContaining({ RoleName: 'app', Description: 'the app' }),
        expect.objectContaining({ RoleName: 'batch' }),
      ],
      IsTruncated: false,
    });
    expect((roles.Roles as object[])[0]).not.toHaveProperty('Tags');
    expect((roles.Roles as object[])[0]).not.toHaveProperty('PermissionsBoundary');
    expect(await f.ok('ListRoles', { PathPrefix: '/svc/' })).toEqual({
      Roles: [expect.objectContaining({ RoleName: 'app' })],
      IsTruncated: false,
    });
  });

  it('ListRoleTags, ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies', async () => {
    expect(await f.ok('ListRoleTags', { RoleName: 'app' })).toEqual({
      Tags: [{ Key: 'env', Value: 'prod' }],
      IsTruncated: false,
    });
    expect(await f.ok('ListRolePolicies', { RoleName: 'app' })).toEqual({
      PolicyNames: ['r'],
      IsTruncated: false,
    });
    expect(await f.ok('GetRolePolicy', { RoleName: 'app', PolicyName: 'r' })).toEqual({
      RoleName: 'app',
      PolicyName: 'r',
      PolicyDocument: doc('dynamodb:*'),
    });
    expect(await f.ok('ListAttachedRolePolicies', { RoleName: 'app' })).toEqual({
      AttachedPolicies: [{ PolicyName: 'q', PolicyArn: Q }],
      IsTruncated: false,
    });
  });

  it('answers NoSuchEntity for a missing role', async () => {
    const missing = { Code: 'NoSuchEntity', Message: 'The role with name nope cannot be found.' };
    for (const action of [
      'GetRole',
      'ListRoleTags',
      'ListRolePolicies',
      'ListAttachedRolePolicies',
    ]) {
      expect(await f.fails(action, { RoleName: 'nope' })).toEqual(missing);
    }
    expect(await f.fails('GetRolePolicy', { RoleName: 'nope', PolicyName: 'r' })).toEqual(missing);
  });
});
