import { Account, InMemoryAwsManagedPolicyCatalog, type RandomSource } from '@portcullis/domain';
import {
  CommandSide,
  errorOf,
  groupArn,
  userArn as userArnOf,
} from '../shared/testing/command-side.fixture';
import { AccountIamDirectory } from './account.iam-directory';
import { authorizeIamCommand } from './authorize-iam-request';
import { FakeIamDirectory, policyOf } from './fake-iam-directory';
import type { IamDirectory } from './iam-directory.port';

const ACCT = '111122223333';
const NOW = new Date('2026-03-04T05:06:07.000Z');
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const doc = (statement: object) => JSON.stringify(policyOf(statement));
const allowIam = (Action: string | string[], Resource = '*') =>
  doc({ Effect: 'Allow', Action, Resource });

let counter = 0;
const random: RandomSource = (n) => Uint8Array.from({ length: n }, () => counter++ % 256);

const catalog = new InMemoryAwsManagedPolicyCatalog([
  {
    arn: READ_ONLY,
    policyName: 'ReadOnlyAccess',
    path: '/',
    defaultVersionId: 'v9',
    document: allowIam('iam:Get*'),
  },
]);

const arn = (type: string, name: string, path = '/') =>
  `arn:aws:iam::${ACCT}:${type}${path}${name}`;

/**
 * One account, built through the aggregate's commands: alice (/eng/, tagged, bounded, in
 * `admins`) with an inline policy and ReadOnlyAccess; the group with its own inline and managed
 * policy; a role `deployer` with an inline policy.
 */
function account(): Account {
  const a = Account.create(ACCT, { awsManagedPolicies: catalog });
  a.createPolicy({
    policyName: 'fence',
    policyDocument: allowIam('iam:*'),
    tags: [{ Key: 'kind', Value: 'boundary' }],
    now: NOW,
    random,
  });
  a.createPolicy({
    policyName: 'groups',
    policyDocument: allowIam('iam:*Group*'),
    now: NOW,
    random,
  });
  a.createUser({
    userName: 'alice',
    path: '/eng/',
    tags: [{ Key: 'team', Value: 'data' }],
    permissionsBoundary: arn('policy', 'fence'),
    now: NOW,
    random,
  });
  a.putUserPolicy({
    userName: 'alice',
    policyName: 'users',
    policyDocument: allowIam('iam:*User'),
  });
  a.attachUserPolicy({ userName: 'alice', policyArn: READ_ONLY });
  a.createGroup({ groupName: 'admins', now: NOW, random });
  a.addUserToGroup({ groupName: 'admins', userName: 'alice' });
  a.putGroupPolicy({
    groupName: 'admins',
    policyName: 'roles',
    policyDocument: allowIam('iam:*Role'),
  });
  a.attachGroupPolicy({ groupName: 'admins', policyArn: arn('policy', 'groups') });
  a.createRole({
    roleName: 'deployer',
    assumeRolePolicyDocument: JSON.stringify(
      policyOf({
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    ),
    tags: [{ Key: 'env', Value: 'prod' }],
    now: NOW,
    random,
  });
  a.putRolePolicy({
    roleName: 'deployer',
    policyName: 'deploy',
    policyDocument: allowIam('iam:PassRole'),
  });
  a.takePending();
  return a;
}

describe('AccountIamDirectory (the Account aggregate as the IamDirectory port)', () => {
  let a: Account;
  let directory: AccountIamDirectory;

  beforeEach(() => {
    a = account();
    directory = new AccountIamDirectory(a);
  });

  describe('policiesOf', () => {
    it('a user: its own and its groups’ inline and managed policies, its boundary, tags, id and name', () => {
      const alice = a.getUser('alice')!;
      const policies = directory.policiesOf(arn('user', 'alice', '/eng/'))!;
      expect(policies.identity.map((p) => p.id)).toEqual([
        `${arn('user', 'alice', '/eng/')}#inline/users`,
        READ_ONLY,
        `${arn('group', 'admins')}#inline/roles`,
        arn('policy', 'groups'),
      ]);
      expect(policies.identity[1].document).toBe(allowIam('iam:Get*'));
      expect(policies.boundary).toMatchObject({
        id: arn('policy', 'fence'),
        document: allowIam('iam:*'),
      });
      expect(policies.tags).toEqual({ team: 'data' });
      expect(policies.principalId).toBe(alice.userId);
      expect(policies.name).toBe('alice');
    });

    it('a role, by its ARN or a session of it: its own policies', () => {
      const role = a.getRole('deployer')!;
      const expected = {
        identity: [expect.objectContaining({ id: `${arn('role', 'deployer')}#inline/deploy` })],
        tags: { env: 'prod' },
        principalId: role.roleId,
        name: 'deployer',
      };
      expect(directory.policiesOf(arn('role', 'deployer'))).toEqual(expected);
      expect(directory.policiesOf(`arn:aws:sts::${ACCT}:assumed-role/deployer/build-42`)).toEqual(
        expected,
      );
    });

    it.each([
      ['the root (allowed everything before anyone asks)', `arn:aws:iam::${ACCT}:root`],
      ['a user under another path', arn('user', 'alice')],
      ['a user that does not exist', arn('user', 'bob')],
      ['a principal of another account', 'arn:aws:iam::444455556666:user/eng/alice'],
      ['no principal ARN at all', 'alice'],
    ])('answers nothing for %s', (_what, principal) => {
      expect(directory.policiesOf(principal)).toBeUndefined();
    });

    it('follows the account: a user removed from its group loses the group’s policies', () => {
      a.removeUserFromGroup({ groupName: 'admins', userName: 'alice' });
      expect(
        directory.policiesOf(arn('user', 'alice', '/eng/'))!.identity.map((p) => p.id),
      ).toEqual([`${arn('user', 'alice', '/eng/')}#inline/users`, READ_ONLY]);
    });
  });

  describe('lookup', () => {
    it('users and roles by name, case-insensitively: ARN with path, tags, boundary', () => {
      expect(directory.lookup('user', 'ALICE')).toEqual({
        arn: arn('user', 'alice', '/eng/'),
        tags: { team: 'data' },
        permissionsBoundary: arn('policy', 'fence'),
      });
      expect(directory.lookup('role', 'deployer')).toEqual({
        arn: arn('role', 'deployer'),
        tags: { env: 'prod' },
      });
    });

    it('groups by name (no tags) and policies by ARN, AWS managed ones included', () => {
      expect(directory.lookup('group', 'Admins')).toEqual({
        arn: arn('group', 'admins'),
        tags: {},
      });
      expect(directory.lookup('policy', arn('policy', 'fence'))).toEqual({
        arn: arn('policy', 'fence'),
        tags: { kind: 'boundary' },
      });
      expect(directory.lookup('policy', READ_ONLY)).toEqual({ arn: READ_ONLY, tags: {} });
    });

    it.each([
      ['user', 'bob'],
      ['group', 'nobody'],
      ['role', 'ghost'],
      ['policy', arn('policy', 'missing')],
      ['policy', 'arn:aws:iam::aws:policy/NotInTheCatalogue'],
    ] as const)('answers nothing for a %s that does not exist (%s)', (type, name) => {
      expect(directory.lookup(type, name)).toBeUndefined();
    });
  });

  it('decides as the reference fake directory does, for the same account', () => {
    const fake = new FakeIamDirectory(ACCT);
    const fence = fake.policy('fence', allowIam('iam:*'), { kind: 'boundary' });
    const groups = fake.policy('groups', allowIam('iam:*Group*'));
    fake.policy('ReadOnlyAccess', allowIam('iam:Get*'));
    fake.group('admins', { inline: { roles: allowIam('iam:*Role') }, attached: [groups] });
    fake.user('alice', {
      path: '/eng/',
      inline: { users: allowIam('iam:*User') },
      groups: ['admins'],
      boundary: fence,
      tags: { team: 'data' },
    });
    fake.role('deployer', { inline: { deploy: allowIam('iam:PassRole') }, tags: { env: 'prod' } });

    const alice = arn('user', 'alice', '/eng/');
    const requests: [string, string, object][] = [
      [alice, 'CreateUser', { UserName: 'bob' }],
      [alice, 'DeleteRole', { RoleName: 'deployer' }],
      [alice, 'AddUserToGroup', { GroupName: 'admins', UserName: 'bob' }],
      [alice, 'CreatePolicy', { PolicyName: 'p' }],
      [alice, 'GetUser', { UserName: 'alice' }],
      [arn('role', 'deployer'), 'CreateUser', { UserName: 'x' }],
      [`arn:aws:sts::${ACCT}:assumed-role/deployer/s`, 'DeleteUser', { UserName: 'alice' }],
    ];
    const decide = (d: IamDirectory, [actor, action, input]: [string, string, object]) =>
      authorizeIamCommand({ accountId: ACCT, actor, action, input }, d, NOW);
    for (const request of requests) {
      expect([request[1], decide(directory, request)]).toEqual([request[1], decide(fake, request)]);
    }
    expect(decide(directory, requests[0]).allowed).toBe(true);
    expect(decide(directory, requests[3]).allowed).toBe(false);
  });
});

describe('the processor authorizes with the live account', () => {
  it('sees every command decided before: a user removed from its group loses what the group allowed', async () => {
    const side = await CommandSide.start();
    await side.given(
      ['CreateUser', { UserName: 'carol' }],
      ['CreateGroup', { GroupName: 'creators' }],
      ['AddUserToGroup', { GroupName: 'creators', UserName: 'carol' }],
      [
        'PutGroupPolicy',
        {
          GroupName: 'creators',
          PolicyName: 'groups',
          PolicyDocument: allowIam('iam:CreateGroup'),
        },
      ],
    );
    const actor = userArnOf('carol');
    await side.given(['CreateGroup', { GroupName: 'one' }, { actor }]);
    await side.given(['RemoveUserFromGroup', { GroupName: 'creators', UserName: 'carol' }]);
    expect(errorOf(await side.when('CreateGroup', { GroupName: 'two' }, { actor }))).toEqual({
      Code: 'AccessDenied',
      Message:
        `User: ${actor} is not authorized to perform: iam:CreateGroup on resource: ` +
        `${groupArn('two')} because no identity-based policy allows the iam:CreateGroup action`,
    });
  });

  it('denies another account’s root everything, and an actor the account does not know', async () => {
    const side = await CommandSide.start();
    await side.given(['CreateUser', { UserName: 'alice' }]);
    const other = await side.when(
      'DeleteUser',
      { UserName: 'alice' },
      { actor: 'arn:aws:iam::444455556666:root' },
    );
    expect(errorOf(other).Message).toMatch(/because no resource-based policy allows/);
    const ghost = await side.when(
      'DeleteUser',
      { UserName: 'alice' },
      { actor: userArnOf('ghost') },
    );
    expect(errorOf(ghost).Code).toBe('AccessDenied');
    expect(side.sequence()).toBe(1);
  });
});
