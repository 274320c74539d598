import { IamEventType } from '@portcullis/contracts';
import { accountLimits } from '../account.limits';
import {
  ADMIN,
  customerArn,
  doc,
  now,
  random,
  READ_ONLY,
  Scenario,
  types,
  userArn,
} from '../testing/account.fixture';

const alice = { userName: 'alice', now, random };

describe('CreateUser', () => {
  it('raises user-created with an AIDA id and a path-qualified ARN', () => {
    const s = Scenario.given();
    const [created] = s.when((a) => a.createUser({ ...alice, path: '/eng/ops/' }));
    expect(created).toEqual({
      type: IamEventType.UserCreated,
      sequence: 1,
      payload: {
        userName: 'alice',
        userId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
        path: '/eng/ops/',
        arn: 'arn:aws:iam::123456789012:user/eng/ops/alice',
        createDate: '2026-01-02T03:04:05.000Z',
      },
    });
  });

  it('defaults the path to /', () => {
    const s = Scenario.given();
    s.when((a) => a.createUser(alice));
    expect(s.account.getUser('alice')).toMatchObject({ path: '/', arn: userArn('alice') });
  });

  it('raises tagged and boundary-put events after created when given Tags and PermissionsBoundary', () => {
    const s = Scenario.given();
    const events = s.when((a) =>
      a.createUser({
        ...alice,
        tags: [{ Key: 'team', Value: 'eng' }],
        permissionsBoundary: READ_ONLY,
      }),
    );
    expect(types(events)).toEqual([
      IamEventType.UserCreated,
      IamEventType.UserTagged,
      IamEventType.UserPermissionsBoundaryPut,
    ]);
    expect(events[1].payload).toMatchObject({
      userName: 'alice',
      tags: [{ Key: 'team', Value: 'eng' }],
      resultingTags: [{ Key: 'team', Value: 'eng' }],
    });
    expect(events[2].payload).toMatchObject({
      permissionsBoundaryArn: READ_ONLY,
      awsManagedPolicy: { policyName: 'ReadOnlyAccess', defaultVersionId: 'v3' },
    });
    expect(s.account.getUser('alice')).toMatchObject({
      permissionsBoundaryArn: READ_ONLY,
      tags: [{ Key: 'team', Value: 'eng' }],
    });
  });

  it('refuses a name taken case-insensitively: EntityAlreadyExists', () => {
    const s = Scenario.given((a) => a.createUser(alice));
    s.rejects(
      (a) => a.createUser({ ...alice, userName: 'ALICE' }),
      'EntityAlreadyExists',
      'User with name ALICE already exists.',
    );
  });

  it.each([
    [
      'a name with a space',
      { userName: 'a b' },
      "1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ],
    [
      'an empty name',
      { userName: '' },
      /^2 validation errors detected: Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1; /,
    ],
    [
      'a 65-character name',
      { userName: 'a'.repeat(65) },
      `1 validation error detected: Value '${'a'.repeat(65)}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    ],
    [
      'a path without slashes',
      { path: 'eng' },
      'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
    ],
    [
      'a path without a trailing slash',
      { path: '/eng' },
      /^The specified value for path is invalid/,
    ],
    ['a path with a space', { path: '/a b/' }, /^The specified value for path is invalid/],
    [
      'a path with a non-ASCII character',
      { path: '/é/' },
      /^The specified value for path is invalid/,
    ],
    [
      'a 513-character path',
      { path: `/${'a'.repeat(511)}/` },
      /at 'path' failed to satisfy constraint: Member must have length less than or equal to 512$/,
    ],
  ])('refuses %s: ValidationError', (_what, change, message) => {
    const s = Scenario.given();
    s.rejects((a) => a.createUser({ ...alice, ...change }), 'ValidationError', message);
  });

  it('accepts a 64-character name and a 512-character path', () => {
    const s = Scenario.given();
    s.when((a) =>
      a.createUser({ ...alice, userName: 'a'.repeat(64), path: `/${'p'.repeat(510)}/` }),
    );
    expect(s.account.listUsers()).toHaveLength(1);
  });

  it('reports every invalid parameter at once', () => {
    const s = Scenario.given();
    s.rejects(
      (a) => a.createUser({ ...alice, userName: 'a b', permissionsBoundary: 'short' }),
      'ValidationError',
      /^2 validation errors detected: .*'userName'.*; .*'permissionsBoundary'.*greater than or equal to 20$/,
    );
  });

  it('refuses an unknown boundary policy and raises nothing, not even the user', () => {
    const s = Scenario.given();
    s.rejects(
      (a) => a.createUser({ ...alice, permissionsBoundary: customerArn('nope') }),
      'NoSuchEntity',
      'Policy arn:aws:iam::123456789012:policy/nope does not exist or is not attachable.',
    );
    s.rejects(
      (a) => a.createUser({ ...alice, permissionsBoundary: 'arn:aws:s3:::bucket/key' }),
      'InvalidInput',
      'ARN arn:aws:s3:::bucket/key is not valid.',
    );
    expect(s.account.getUser('alice')).toBeUndefined();
  });

  it('refuses bad tags and raises nothing', () => {
    const s = Scenario.given();
    s.rejects(
      (a) => a.createUser({ ...alice, tags: [{ Key: 'aws:x', Value: '' }] }),
      'InvalidInput',
    );
    expect(s.account.listUsers()).toEqual([]);
  });
});

describe('UpdateUser', () => {
  const given = () =>
    Scenario.given((a) => {
      a.createUser({ ...alice, path: '/eng/' });
      a.createUser({ ...alice, userName: 'bob' });
      a.createGroup({ groupName: 'devs', now, random });
      a.addUserToGroup({ groupName: 'devs', userName: 'alice' });
      a.createPolicy({ policyName: 'p', policyDocument: doc(), now, random });
      a.attachUserPolicy({ userName: 'alice', policyArn: customerArn('p') });
    });

  it('renames and moves a user: old and new names and ARNs, same id; memberships follow', () => {
    const s = given();
    const id = s.account.getUser('alice')!.userId;
    const [updated] = s.when((a) =>
      a.updateUser({ userName: 'Alice', newUserName: 'carol', newPath: '/ops/' }),
    );
    expect(updated).toMatchObject({
      type: IamEventType.UserUpdated,
      payload: {
        userId: id,
        oldUserName: 'alice',
        newUserName: 'carol',
        oldPath: '/eng/',
        newPath: '/ops/',
        oldArn: userArn('alice', '/eng/'),
        newArn: userArn('carol', '/ops/'),
      },
    });
    expect(s.account.getUser('alice')).toBeUndefined();
    expect(s.account.getUser('carol')).toMatchObject({
      userId: id,
      arn: userArn('carol', '/ops/'),
    });
    expect(s.account.getGroup('devs')!.users.map((u) => u.userName)).toEqual(['carol']);
    expect(s.account.listAttachedUserPolicies('carol')).toEqual([
      { policyName: 'p', policyArn: customerArn('p') },
    ]);
    expect(s.account.policiesOf(userArn('carol', '/ops/'))?.identityPolicies).toHaveLength(1);
    expect(s.account.policiesOf(userArn('alice', '/eng/'))).toBeUndefined();
  });

  it('may change only the case of the name', () => {
    const s = given();
    s.when((a) => a.updateUser({ userName: 'alice', newUserName: 'Alice' }));
    expect(s.account.getUser('ALICE')?.userName).toBe('Alice');
  });

  it('raises nothing when nothing changes', () => {
    const s = given();
    expect(s.when((a) => a.updateUser({ userName: 'alice', newPath: '/eng/' }))).toEqual([]);
    expect(s.when((a) => a.updateUser({ userName: 'alice' }))).toEqual([]);
  });

  it('refuses a new name another user has: EntityAlreadyExists', () => {
    s_rejects(
      given(),
      { userName: 'alice', newUserName: 'BOB' },
      'EntityAlreadyExists',
      'User with name BOB already exists.',
    );
  });

  it('refuses an unknown user: NoSuchEntity', () => {
    s_rejects(
      given(),
      { userName: 'zed', newUserName: 'z' },
      'NoSuchEntity',
      'The user with name zed cannot be found.',
    );
  });

  it('refuses a bad new name or path: ValidationError', () => {
    s_rejects(
      given(),
      { userName: 'alice', newUserName: 'x/y' },
      'ValidationError',
      /at 'newUserName'/,
    );
    s_rejects(
      given(),
      { userName: 'alice', newPath: 'x' },
      'ValidationError',
      /^The specified value for path is invalid/,
    );
  });

  function s_rejects(
    s: Scenario,
    input: Parameters<Scenario['account']['updateUser']>[0],
    code: 'EntityAlreadyExists' | 'NoSuchEntity' | 'ValidationError',
    message: string | RegExp,
  ) {
    s.rejects((a) => a.updateUser(input), code, message);
  }
});

describe('DeleteUser', () => {
  it('deletes a user with nothing attached', () => {
    const s = Scenario.given((a) => a.createUser(alice));
    const [deleted] = s.when((a) => a.deleteUser({ userName: 'ALICE' }));
    expect(deleted).toMatchObject({
      type: IamEventType.UserDeleted,
      payload: { userName: 'alice', arn: userArn('alice'), path: '/' },
    });
    expect(deleted.payload).not.toHaveProperty('permissionsBoundaryArn');
    expect(s.account.getUser('alice')).toBeUndefined();
  });

  it('may reuse the name afterwards', () => {
    const s = Scenario.given((a) => {
      a.createUser(alice);
      a.deleteUser({ userName: 'alice' });
    });
    s.when((a) => a.createUser(alice));
    expect(s.account.listUsers()).toHaveLength(1);
  });

  it('deletes a user with a permissions boundary, which goes with it (as in AWS)', () => {
    const s = Scenario.given((a) => a.createUser({ ...alice, permissionsBoundary: READ_ONLY }));
    const [deleted] = s.when((a) => a.deleteUser({ userName: 'alice' }));
    expect(deleted.payload).toMatchObject({ permissionsBoundaryArn: READ_ONLY });
    expect(s.account.getPolicy(READ_ONLY)?.permissionsBoundaryUsageCount).toBe(0);
  });

  it.each([
    ['an inline policy', 'Cannot delete entity, must delete policies first.'],
    ['an attached policy', 'Cannot delete entity, must detach all policies first.'],
    ['a group', 'Cannot delete entity, must remove users from group first.'],
  ])('refuses a user with %s: DeleteConflict', (what, message) => {
    const s = Scenario.given((a) => {
      a.createUser(alice);
      a.createGroup({ groupName: 'g', now, random });
      if (what === 'an inline policy')
        a.putUserPolicy({ userName: 'alice', policyName: 'p', policyDocument: doc() });
      if (what === 'an attached policy')
        a.attachUserPolicy({ userName: 'alice', policyArn: ADMIN });
      if (what === 'a group') a.addUserToGroup({ userName: 'alice', groupName: 'g' });
    });
    s.rejects((a) => a.deleteUser({ userName: 'alice' }), 'DeleteConflict', message);
  });

  it('refuses an unknown user: NoSuchEntity', () => {
    Scenario.given().rejects(
      (a) => a.deleteUser({ userName: 'alice' }),
      'NoSuchEntity',
      'The user with name alice cannot be found.',
    );
  });
});

describe('TagUser / UntagUser', () => {
  const given = () => Scenario.given((a) => a.createUser(alice));

  it('adds tags, replacing values of keys it has case-insensitively', () => {
    const s = given();
    s.when((a) =>
      a.tagUser({
        userName: 'alice',
        tags: [
          { Key: 'Team', Value: 'eng' },
          { Key: 'env', Value: '' },
        ],
      }),
    );
    const [tagged] = s.when((a) =>
      a.tagUser({ userName: 'alice', tags: [{ Key: 'team', Value: 'ops' }] }),
    );
    expect(tagged).toMatchObject({
      type: IamEventType.UserTagged,
      payload: {
        userName: 'alice',
        userArn: userArn('alice'),
        tags: [{ Key: 'team', Value: 'ops' }],
        resultingTags: [
          { Key: 'team', Value: 'ops' },
          { Key: 'env', Value: '' },
        ],
      },
    });
    expect(s.account.getUser('alice')?.tags).toEqual([
      { Key: 'team', Value: 'ops' },
      { Key: 'env', Value: '' },
    ]);
  });

  it('accepts letters, digits, spaces and _.:/=+-@ in any script', () => {
    const s = given();
    s.when((a) =>
      a.tagUser({
        userName: 'alice',
        tags: [{ Key: 'Kostenstelle ü/1', Value: 'a_b.c:d/e=f+g-h@i 名前' }],
      }),
    );
    expect(s.account.getUser('alice')?.tags).toHaveLength(1);
  });

  it('removes tags case-insensitively, ignoring keys it does not have', () => {
    const s = given();
    s.when((a) =>
      a.tagUser({
        userName: 'alice',
        tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    const [untagged] = s.when((a) => a.untagUser({ userName: 'alice', tagKeys: ['A', 'zzz'] }));
    expect(untagged).toMatchObject({
      type: IamEventType.UserUntagged,
      payload: { tagKeys: ['A', 'zzz'], resultingTags: [{ Key: 'b', Value: '2' }] },
    });
  });

  it('refuses more than 50 tags on the user: LimitExceeded', () => {
    const s = given();
    const tags = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: 'v' }));
    s.when((a) => a.tagUser({ userName: 'alice', tags: tags(0, 45) }));
    s.when((a) => a.tagUser({ userName: 'alice', tags: tags(40, 10) })); // 5 replaced, 5 new: 50
    s.rejects(
      (a) => a.tagUser({ userName: 'alice', tags: tags(50, 1) }),
      'LimitExceeded',
      'The number of tags has reached the maximum limit.',
    );
  });

  it.each([
    [
      '51 tags in one request',
      Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: '' })),
      'ValidationError',
      /at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/,
    ],
    [
      'an empty key',
      [{ Key: '', Value: 'v' }],
      'ValidationError',
      "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'a 129-character key',
      [{ Key: 'k'.repeat(129), Value: '' }],
      'ValidationError',
      /at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128$/,
    ],
    [
      'a 257-character value',
      [{ Key: 'k', Value: 'v'.repeat(257) }],
      'ValidationError',
      /at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256$/,
    ],
    [
      'a key with a forbidden character',
      [
        { Key: 'ok', Value: '' },
        { Key: 'a*b', Value: '' },
      ],
      'ValidationError',
      "1 validation error detected: Value 'a*b' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    ],
    [
      'a value with a forbidden character',
      [{ Key: 'k', Value: 'a;b' }],
      'ValidationError',
      /at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\p\{L\}\\p\{Z\}\\p\{N\}_.:\/=\+\\-@\]\*$/,
    ],
    [
      'keys equal but for case',
      [
        { Key: 'Team', Value: 'a' },
        { Key: 'team', Value: 'b' },
      ],
      'InvalidInput',
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    ],
    [
      'the aws: prefix',
      [{ Key: 'AWS:cloudformation', Value: 'x' }],
      'InvalidInput',
      /^User-defined tag keys can't start with 'aws:'/,
    ],
  ] as const)('refuses %s', (_what, tags, code, message) => {
    given().rejects((a) => a.tagUser({ userName: 'alice', tags: [...tags] }), code, message);
  });

  it('refuses bad keys to remove', () => {
    given().rejects(
      (a) => a.untagUser({ userName: 'alice', tagKeys: ['a*'] }),
      'ValidationError',
      /at 'tagKeys.1.member'/,
    );
    given().rejects((a) => a.untagUser({ userName: 'alice', tagKeys: ['aws:x'] }), 'InvalidInput');
  });

  it('refuses an unknown user: NoSuchEntity', () => {
    given().rejects(
      (a) => a.tagUser({ userName: 'bob', tags: [] }),
      'NoSuchEntity',
      'The user with name bob cannot be found.',
    );
    given().rejects((a) => a.untagUser({ userName: 'bob', tagKeys: ['a'] }), 'NoSuchEntity');
  });

  it('honours a configured tag limit', () => {
    const s = Scenario.given((a) => a.createUser(alice), {
      limits: accountLimits({ tagsPerEntity: 2 }),
    });
    s.rejects(
      (a) =>
        a.tagUser({
          userName: 'alice',
          tags: [
            { Key: 'a', Value: '' },
            { Key: 'b', Value: '' },
            { Key: 'c', Value: '' },
          ],
        }),
      'ValidationError',
      /less than or equal to 2$/,
    );
    s.when((a) =>
      a.tagUser({
        userName: 'alice',
        tags: [
          { Key: 'a', Value: '' },
          { Key: 'b', Value: '' },
        ],
      }),
    );
    s.rejects(
      (a) => a.tagUser({ userName: 'alice', tags: [{ Key: 'c', Value: '' }] }),
      'LimitExceeded',
    );
  });
});
