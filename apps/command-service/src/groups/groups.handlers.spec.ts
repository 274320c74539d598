import { IamEventType } from '@portcullis/contracts';
import {
  allow,
  CommandSide,
  errorOf,
  eventsOf,
  groupArn,
  NOW,
  policyArn,
  READ_ONLY,
  typesOf,
  userArn,
} from '../shared/testing/command-side.fixture';

describe('groups (given history, when command, then events or error)', () => {
  let side: CommandSide;

  beforeEach(async () => {
    side = await CommandSide.start();
  });

  it('CreateGroup answers AWS’s Group from its event, and again for a retry', async () => {
    const decision = await side.when(
      'CreateGroup',
      { GroupName: 'readers', Path: '/teams/' },
      { commandId: 'g1' },
    );
    expect(typesOf(decision)).toEqual([IamEventType.GroupCreated]);
    const expected = {
      Group: {
        Path: '/teams/',
        GroupName: 'readers',
        GroupId: expect.stringMatching(/^AGPA[A-Z2-7]{17}$/),
        Arn: groupArn('readers', '/teams/'),
        CreateDate: NOW.toISOString(),
      },
    };
    expect(decision).toMatchObject({ result: expected });
    const retry = await side.when('CreateGroup', { GroupName: 'readers' }, { commandId: 'g1' });
    expect(retry).toMatchObject({ kind: 'duplicate', result: expected });
  });

  it.each([
    ['a name of 129 characters', { GroupName: 'g'.repeat(129) }],
    ['a name with a slash', { GroupName: 'a/b' }],
    ['no name', {}],
    ['an unknown parameter', { GroupName: 'g', Tags: [] }],
  ])('CreateGroup refuses %s with ValidationError', async (_what, input) => {
    expect(errorOf(await side.when('CreateGroup', input)).Code).toBe('ValidationError');
  });

  it('a group name is unique case-insensitively: EntityAlreadyExists', async () => {
    await side.given(['CreateGroup', { GroupName: 'readers' }]);
    expect(errorOf(await side.when('CreateGroup', { GroupName: 'Readers' }))).toEqual({
      Code: 'EntityAlreadyExists',
      Message: 'Group with name Readers already exists.',
    });
  });

  it('UpdateGroup renames a group; its members and id stay', async () => {
    await side.given(
      ['CreateUser', { UserName: 'alice' }],
      ['CreateGroup', { GroupName: 'readers' }],
      ['AddUserToGroup', { GroupName: 'readers', UserName: 'alice' }],
    );
    const decision = await side.when('UpdateGroup', {
      GroupName: 'readers',
      NewGroupName: 'viewers',
    });
    expect(eventsOf(decision)).toMatchObject([
      {
        type: IamEventType.GroupUpdated,
        payload: { oldArn: groupArn('readers'), newArn: groupArn('viewers') },
      },
    ]);
    expect(side.accounts.get('123456789012').getGroup('viewers')?.users).toMatchObject([
      { arn: userArn('alice') },
    ]);
  });

  it('AddUserToGroup adds once (again changes nothing); RemoveUserFromGroup of a non-member is NoSuchEntity', async () => {
    await side.given(['CreateUser', { UserName: 'alice' }], ['CreateGroup', { GroupName: 'g' }]);
    const added = await side.when('AddUserToGroup', { GroupName: 'g', UserName: 'alice' });
    expect(eventsOf(added)).toMatchObject([
      { type: IamEventType.UserAddedToGroup, payload: { groupName: 'g', userName: 'alice' } },
    ]);
    expect(await side.when('AddUserToGroup', { GroupName: 'g', UserName: 'alice' })).toMatchObject({
      kind: 'accepted',
      events: [],
      result: {},
    });
    await side.given(['RemoveUserFromGroup', { GroupName: 'g', UserName: 'alice' }]);
    expect(
      errorOf(await side.when('RemoveUserFromGroup', { GroupName: 'g', UserName: 'alice' })),
    ).toEqual({
      Code: 'NoSuchEntity',
      Message: 'The user with name alice cannot be found in group g.',
    });
    expect(
      errorOf(await side.when('AddUserToGroup', { GroupName: 'nope', UserName: 'alice' })),
    ).toEqual({ Code: 'NoSuchEntity', Message: 'The group with name nope cannot be found.' });
  });

  it('refuses an 11th group for one user: LimitExceeded', async () => {
    await side.given(['CreateUser', { UserName: 'alice' }]);
    for (let i = 0; i < 11; i++) await side.given(['CreateGroup', { GroupName: `g${i}` }]);
    for (let i = 0; i < 10; i++) {
      await side.given(['AddUserToGroup', { GroupName: `g${i}`, UserName: 'alice' }]);
    }
    expect(
      errorOf(await side.when('AddUserToGroup', { GroupName: 'g10', UserName: 'alice' })),
    ).toEqual({ Code: 'LimitExceeded', Message: 'Cannot exceed quota for GroupsPerUser: 10' });
  });

  it('DeleteGroup conflicts with members, inline and attached policies, in that order', async () => {
    await side.given(
      ['CreateUser', { UserName: 'alice' }],
      ['CreateGroup', { GroupName: 'g' }],
      ['AddUserToGroup', { GroupName: 'g', UserName: 'alice' }],
      ['PutGroupPolicy', { GroupName: 'g', PolicyName: 'p', PolicyDocument: allow('s3:*') }],
      ['AttachGroupPolicy', { GroupName: 'g', PolicyArn: READ_ONLY }],
    );
    const conflict = async () => errorOf(await side.when('DeleteGroup', { GroupName: 'g' }));
    expect(await conflict()).toEqual({
      Code: 'DeleteConflict',
      Message: 'Cannot delete entity, must remove users from group first.',
    });
    await side.given(['RemoveUserFromGroup', { GroupName: 'g', UserName: 'alice' }]);
    expect((await conflict()).Message).toBe('Cannot delete entity, must delete policies first.');
    await side.given(['DeleteGroupPolicy', { GroupName: 'g', PolicyName: 'p' }]);
    expect((await conflict()).Message).toBe(
      'Cannot delete entity, must detach all policies first.',
    );
    await side.given(['DetachGroupPolicy', { GroupName: 'g', PolicyArn: READ_ONLY }]);
    expect(typesOf(await side.when('DeleteGroup', { GroupName: 'g' }))).toEqual([
      IamEventType.GroupDeleted,
    ]);
  });

  it('AttachGroupPolicy and DetachGroupPolicy of a customer policy; detaching twice is NoSuchEntity', async () => {
    await side.given(
      ['CreateGroup', { GroupName: 'g' }],
      ['CreatePolicy', { PolicyName: 'reports', PolicyDocument: allow('s3:GetObject') }],
    );
    const attached = await side.when('AttachGroupPolicy', {
      GroupName: 'g',
      PolicyArn: policyArn('reports'),
    });
    expect(eventsOf(attached)).toMatchObject([
      {
        type: IamEventType.GroupPolicyAttached,
        payload: { groupArn: groupArn('g'), policyArn: policyArn('reports') },
      },
    ]);
    const detached = await side.when('DetachGroupPolicy', {
      GroupName: 'g',
      PolicyArn: policyArn('reports'),
    });
    expect(typesOf(detached)).toEqual([IamEventType.GroupPolicyDetached]);
    expect(
      errorOf(
        await side.when('DetachGroupPolicy', { GroupName: 'g', PolicyArn: policyArn('reports') }),
      ).Code,
    ).toBe('NoSuchEntity');
  });

  it('PutGroupPolicy checks the document (MalformedPolicyDocument) and puts it', async () => {
    await side.given(['CreateGroup', { GroupName: 'g' }]);
    expect(
      errorOf(
        await side.when('PutGroupPolicy', {
          GroupName: 'g',
          PolicyName: 'p',
          PolicyDocument: 'not json',
        }),
      ).Code,
    ).toBe('MalformedPolicyDocument');
    const put = await side.when('PutGroupPolicy', {
      GroupName: 'g',
      PolicyName: 'p',
      PolicyDocument: allow('s3:*'),
    });
    expect(eventsOf(put)).toMatchObject([
      { type: IamEventType.GroupPolicyPut, payload: { groupArn: groupArn('g'), policyName: 'p' } },
    ]);
  });

  it('a user allowed only to read may not add members: AccessDenied on the group', async () => {
    await side.given(
      ['CreateUser', { UserName: 'reader' }],
      ['CreateGroup', { GroupName: 'admins', Path: '/ops/' }],
      [
        'PutUserPolicy',
        { UserName: 'reader', PolicyName: 'ro', PolicyDocument: allow('iam:Get*') },
      ],
    );
    const actor = userArn('reader');
    const decision = await side.when(
      'AddUserToGroup',
      { GroupName: 'admins', UserName: 'reader' },
      { actor },
    );
    expect(errorOf(decision)).toEqual({
      Code: 'AccessDenied',
      Message:
        `User: ${actor} is not authorized to perform: iam:AddUserToGroup on resource: ` +
        `${groupArn('admins', '/ops/')} because no identity-based policy allows the iam:AddUserToGroup action`,
    });
  });
});
