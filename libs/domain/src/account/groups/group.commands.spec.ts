import { IamEventType } from '@portcullis/contracts';
import { accountLimits } from '../account.limits';
import { Account } from '../account.aggregate';
import {
  ADMIN,
  doc,
  groupArn,
  now,
  OPTIONS,
  random,
  Scenario,
  userArn,
} from '../testing/account.fixture';

const group = (groupName: string, path?: string) => ({ groupName, path, now, random });
const user = (userName: string) => ({ userName, now, random });

describe('CreateGroup', () => {
  it('raises group-created with an AGPA id and a path-qualified ARN', () => {
    const s = Scenario.given();
    const [created] = s.when((a) => a.createGroup(group('Admins', '/it/')));
    expect(created).toEqual({
      type: IamEventType.GroupCreated,
      sequence: 1,
      payload: {
        groupName: 'Admins',
        groupId: expect.stringMatching(/^AGPA[A-Z2-7]{17}$/),
        path: '/it/',
        arn: groupArn('Admins', '/it/'),
        createDate: now.toISOString(),
      },
    });
  });

  it('refuses a name taken case-insensitively: EntityAlreadyExists', () => {
    const s = Scenario.given((a) => a.createGroup(group('admins')));
    s.rejects(
      (a) => a.createGroup(group('ADMINS')),
      'EntityAlreadyExists',
      'Group with name ADMINS already exists.',
    );
  });

  it('allows a group and a user of the same name (uniqueness is per entity type)', () => {
    const s = Scenario.given((a) => a.createUser(user('ops')));
    s.when((a) => a.createGroup(group('ops')));
    expect(s.account.getGroup('ops')).toBeDefined();
  });

  it('accepts 128-character names and refuses 129: ValidationError', () => {
    const s = Scenario.given();
    s.when((a) => a.createGroup(group('g'.repeat(128))));
    s.rejects(
      (a) => a.createGroup(group('g'.repeat(129))),
      'ValidationError',
      /at 'groupName' failed to satisfy constraint: Member must have length less than or equal to 128$/,
    );
    s.rejects((a) => a.createGroup(group('a!b')), 'ValidationError', /pattern: \[\\w\+=,\.@-\]\+$/);
    s.rejects(
      (a) => a.createGroup(group('ok', '//x')),
      'ValidationError',
      /^The specified value for path is invalid/,
    );
  });
});

describe('UpdateGroup', () => {
  const given = () =>
    Scenario.given((a) => {
      a.createGroup(group('devs', '/eng/'));
      a.createGroup(group('ops'));
      a.createUser(user('alice'));
      a.addUserToGroup({ groupName: 'devs', userName: 'alice' });
      a.attachGroupPolicy({ groupName: 'devs', policyArn: ADMIN });
    });

  it('renames and moves: old and new names and ARNs, members and policies follow', () => {
    const s = given();
    const [updated] = s.when((a) =>
      a.updateGroup({ groupName: 'DEVS', newGroupName: 'developers', newPath: '/' }),
    );
    expect(updated.payload).toEqual({
      groupId: s.account.getGroup('developers')!.group.groupId,
      oldGroupName: 'devs',
      newGroupName: 'developers',
      oldPath: '/eng/',
      newPath: '/',
      oldArn: groupArn('devs', '/eng/'),
      newArn: groupArn('developers'),
    });
    expect(s.account.listGroupsForUser('alice').map((g) => g.arn)).toEqual([
      groupArn('developers'),
    ]);
    expect(s.account.policiesOf(userArn('alice'))!.identityPolicies).toEqual([
      expect.objectContaining({ id: ADMIN, via: groupArn('developers') }),
    ]);
  });

  it('raises nothing when nothing changes', () => {
    expect(given().when((a) => a.updateGroup({ groupName: 'devs', newGroupName: 'devs' }))).toEqual(
      [],
    );
  });

  it('refuses a taken name, an unknown group and bad input', () => {
    given().rejects(
      (a) => a.updateGroup({ groupName: 'devs', newGroupName: 'Ops' }),
      'EntityAlreadyExists',
      'Group with name Ops already exists.',
    );
    given().rejects(
      (a) => a.updateGroup({ groupName: 'nope', newPath: '/' }),
      'NoSuchEntity',
      'The group with name nope cannot be found.',
    );
    given().rejects(
      (a) => a.updateGroup({ groupName: 'devs', newGroupName: '' }),
      'ValidationError',
      /at 'newGroupName'/,
    );
  });
});

describe('DeleteGroup', () => {
  it('deletes an empty group without policies', () => {
    const s = Scenario.given((a) => a.createGroup(group('g', '/x/')));
    const [deleted] = s.when((a) => a.deleteGroup({ groupName: 'G' }));
    expect(deleted).toMatchObject({
      type: IamEventType.GroupDeleted,
      payload: { groupName: 'g', path: '/x/', arn: groupArn('g', '/x/') },
    });
    expect(s.account.listGroups()).toEqual([]);
  });

  it.each([
    ['members', 'Cannot delete entity, must remove users from group first.'],
    ['an inline policy', 'Cannot delete entity, must delete policies first.'],
    ['an attached policy', 'Cannot delete entity, must detach all policies first.'],
  ])('refuses a group with %s: DeleteConflict', (what, message) => {
    const s = Scenario.given((a) => {
      a.createGroup(group('g'));
      a.createUser(user('alice'));
      if (what === 'members') a.addUserToGroup({ groupName: 'g', userName: 'alice' });
      if (what === 'an inline policy')
        a.putGroupPolicy({ groupName: 'g', policyName: 'p', policyDocument: doc() });
      if (what === 'an attached policy') a.attachGroupPolicy({ groupName: 'g', policyArn: ADMIN });
    });
    s.rejects((a) => a.deleteGroup({ groupName: 'g' }), 'DeleteConflict', message);
  });

  it('refuses an unknown group: NoSuchEntity', () => {
    Scenario.given().rejects(
      (a) => a.deleteGroup({ groupName: 'g' }),
      'NoSuchEntity',
      'The group with name g cannot be found.',
    );
  });
});

describe('AddUserToGroup / RemoveUserFromGroup', () => {
  const given = () =>
    Scenario.given((a) => {
      a.createGroup(group('devs'));
      a.createUser(user('alice'));
    });

  it('adds a member: names, ids and ARNs of both', () => {
    const s = given();
    const [added] = s.when((a) => a.addUserToGroup({ groupName: 'DEVS', userName: 'Alice' }));
    expect(added).toMatchObject({
      type: IamEventType.UserAddedToGroup,
      payload: {
        groupName: 'devs',
        groupArn: groupArn('devs'),
        userName: 'alice',
        userArn: userArn('alice'),
        groupId: expect.stringMatching(/^AGPA/),
        userId: expect.stringMatching(/^AIDA/),
      },
    });
    expect(s.account.getGroup('devs')!.users.map((u) => u.userName)).toEqual(['alice']);
    expect(s.account.listGroupsForUser('alice').map((g) => g.groupName)).toEqual(['devs']);
  });

  it('adding a member again raises nothing (AWS answers success)', () => {
    const s = given();
    s.when((a) => a.addUserToGroup({ groupName: 'devs', userName: 'alice' }));
    expect(s.when((a) => a.addUserToGroup({ groupName: 'devs', userName: 'alice' }))).toEqual([]);
  });

  it('removes a member', () => {
    const s = given();
    s.when((a) => a.addUserToGroup({ groupName: 'devs', userName: 'alice' }));
    const [removed] = s.when((a) =>
      a.removeUserFromGroup({ groupName: 'devs', userName: 'alice' }),
    );
    expect(removed.type).toBe(IamEventType.UserRemovedFromGroup);
    expect(s.account.listGroupsForUser('alice')).toEqual([]);
  });

  it('refuses unknown groups, users and non-members: NoSuchEntity', () => {
    given().rejects(
      (a) => a.addUserToGroup({ groupName: 'nope', userName: 'alice' }),
      'NoSuchEntity',
      'The group with name nope cannot be found.',
    );
    given().rejects(
      (a) => a.addUserToGroup({ groupName: 'devs', userName: 'bob' }),
      'NoSuchEntity',
      'The user with name bob cannot be found.',
    );
    given().rejects(
      (a) => a.removeUserFromGroup({ groupName: 'devs', userName: 'alice' }),
      'NoSuchEntity',
      'The user with name alice cannot be found in group devs.',
    );
  });

  it('refuses bad names: ValidationError', () => {
    given().rejects(
      (a) => a.addUserToGroup({ groupName: 'd e', userName: 'a'.repeat(65) }),
      'ValidationError',
      /^2 validation errors detected/,
    );
  });

  it('refuses an 11th group for a user: LimitExceeded', () => {
    const s = Scenario.given((a) => {
      a.createUser(user('alice'));
      for (let i = 0; i < 11; i++) a.createGroup(group(`g${i}`));
      for (let i = 0; i < 10; i++) a.addUserToGroup({ groupName: `g${i}`, userName: 'alice' });
    });
    s.rejects(
      (a) => a.addUserToGroup({ groupName: 'g10', userName: 'alice' }),
      'LimitExceeded',
      'Cannot exceed quota for GroupsPerUser: 10',
    );
  });

  it('honours a configured groups-per-user limit', () => {
    const a = Account.create('123456789012', {
      ...OPTIONS,
      limits: accountLimits({ groupsPerUser: 1 }),
    });
    a.createUser(user('alice'));
    a.createGroup(group('a'));
    a.createGroup(group('b'));
    a.addUserToGroup({ groupName: 'a', userName: 'alice' });
    expect(() => a.addUserToGroup({ groupName: 'b', userName: 'alice' })).toThrow(
      'Cannot exceed quota for GroupsPerUser: 1',
    );
  });
});
