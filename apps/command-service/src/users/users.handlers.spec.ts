import { IamEventType } from '@portcullis/contracts';
import { replyFor } from '../pipeline/reply';
import {
  ACCOUNT,
  allow,
  CommandSide,
  errorOf,
  eventsOf,
  NOW,
  policyArn,
  READ_ONLY,
  typesOf,
  userArn,
} from '../shared/testing/command-side.fixture';
import { CreateUserCommand } from './create-user/create-user.command';

const tags = (n: number, prefix = 'k') =>
  Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: `v${i}` }));

describe('users (given history, when command, then events or error)', () => {
  let side: CommandSide;

  beforeEach(async () => {
    side = await CommandSide.start();
  });

  describe('CreateUser', () => {
    it('with tags and a boundary: created, tagged and boundary-put events; the reply says all three', async () => {
      await side.given(['CreatePolicy', { PolicyName: 'fence', PolicyDocument: allow('s3:*') }]);
      const input = {
        UserName: 'alice',
        Path: '/eng/',
        PermissionsBoundary: policyArn('fence'),
        Tags: [{ Key: 'team', Value: 'data' }],
      };
      const decision = await side.when('CreateUser', input, { commandId: 'create-alice' });
      expect(typesOf(decision)).toEqual([
        IamEventType.UserCreated,
        IamEventType.UserTagged,
        IamEventType.UserPermissionsBoundaryPut,
      ]);
      expect(decision).toMatchObject({
        result: {
          User: {
            Path: '/eng/',
            UserName: 'alice',
            UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
            Arn: userArn('alice', '/eng/'),
            CreateDate: NOW.toISOString(),
            PermissionsBoundary: {
              PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
              PermissionsBoundaryArn: policyArn('fence'),
            },
            Tags: [{ Key: 'team', Value: 'data' }],
          },
        },
      });

      // A retry is answered from the committed events: the same reply, nothing decided anew.
      const retry = await side.when('CreateUser', input, { commandId: 'create-alice' });
      expect(retry).toEqual({
        kind: 'duplicate',
        result: decision.kind === 'accepted' && decision.result,
        positions: [
          { partition: 0, offset: '1' },
          { partition: 0, offset: '2' },
          { partition: 0, offset: '3' },
        ],
      });
    });

    it('without tags or boundary: one event, and the reply leaves both members out', async () => {
      const decision = await side.when('CreateUser', { UserName: 'bob' });
      expect(typesOf(decision)).toEqual([IamEventType.UserCreated]);
      expect(decision).toMatchObject({ result: { User: { Path: '/', Arn: userArn('bob') } } });
      expect(Object.keys((decision as { result: { User: object } }).result.User).sort()).toEqual(
        ['Arn', 'CreateDate', 'Path', 'UserId', 'UserName'].sort(),
      );
    });

    it('its handler answers what its events say (when run outside the pipeline)', async () => {
      await side.given(['CreatePolicy', { PolicyName: 'fence', PolicyDocument: allow('s3:*') }]);
      const direct = await side.bus.execute(
        new CreateUserCommand(ACCOUNT, {
          userName: 'carol',
          permissionsBoundary: policyArn('FENCE'), // the aggregate answers the policy's own ARN
          tags: [{ Key: 'a', Value: '1' }],
        }),
      );
      const raised = side.accounts.get(ACCOUNT).takePending();
      expect(direct).toEqual(CreateUserCommand.resultFrom(raised));
      expect(direct.User.PermissionsBoundary?.PermissionsBoundaryArn).toBe(policyArn('fence'));
    });

    it('refuses a second user of the same name, case-insensitively: EntityAlreadyExists', async () => {
      await side.given(['CreateUser', { UserName: 'alice' }]);
      const decision = await side.when('CreateUser', { UserName: 'ALICE' });
      expect(errorOf(decision)).toEqual({
        Code: 'EntityAlreadyExists',
        Message: 'User with name ALICE already exists.',
      });
      expect(side.sequence()).toBe(1);
    });

    it('refuses a boundary that is no policy of the account: NoSuchEntity', async () => {
      const decision = await side.when('CreateUser', {
        UserName: 'alice',
        PermissionsBoundary: policyArn('nowhere'),
      });
      expect(errorOf(decision)).toEqual({
        Code: 'NoSuchEntity',
        Message: `Policy ${policyArn('nowhere')} does not exist or is not attachable.`,
      });
      expect(side.sequence()).toBe(0);
    });

    it.each([
      ['a name too long', { UserName: 'a'.repeat(65) }],
      ['a name with a space', { UserName: 'a b' }],
      ['a path without slashes', { UserName: 'a', Path: 'eng' }],
      ['a null path', { UserName: 'a', Path: null }],
      ['Tags that is no list', { UserName: 'a', Tags: { team: 'data' } }],
      ['a tag without Value', { UserName: 'a', Tags: [{ Key: 'team' }] }],
      ['a tag with an unknown member', { UserName: 'a', Tags: [{ Key: 'k', Value: 'v', X: 1 }] }],
      ['a tag key too long', { UserName: 'a', Tags: [{ Key: 'k'.repeat(129), Value: '' }] }],
      ['a boundary too short to be an ARN', { UserName: 'a', PermissionsBoundary: 'arn:x' }],
    ])('refuses %s with ValidationError', async (_what, input) => {
      expect(errorOf(await side.when('CreateUser', input)).Code).toBe('ValidationError');
      expect(side.sequence()).toBe(0);
    });

    it.each([
      ['the reserved aws: prefix', [{ Key: 'AWS:team', Value: 'x' }], /reserved for AWS/],
      ['a key given twice, in any case', [...tags(1), { Key: 'K0', Value: 'x' }], /Duplicate/],
    ])('refuses tags with %s: InvalidInput', async (_what, given, message) => {
      const error = errorOf(await side.when('CreateUser', { UserName: 'a', Tags: given }));
      expect(error.Code).toBe('InvalidInput');
      expect(error.Message).toMatch(message);
    });
  });

  describe('UpdateUser', () => {
    it('renames and moves a user: one event with the old and new ARN; the old name is gone', async () => {
      await side.given(['CreateUser', { UserName: 'alice' }]);
      const decision = await side.when('UpdateUser', {
        UserName: 'alice',
        NewUserName: 'alicia',
        NewPath: '/ops/',
      });
      expect(decision).toMatchObject({ kind: 'accepted', result: {} });
      expect(eventsOf(decision)).toMatchObject([
        {
          type: IamEventType.UserUpdated,
          payload: { oldArn: userArn('alice'), newArn: userArn('alicia', '/ops/') },
        },
      ]);
      expect(errorOf(await side.when('DeleteUser', { UserName: 'alice' })).Code).toBe(
        'NoSuchEntity',
      );
    });

    it('changes nothing when nothing changes: accepted, no events, the token of what it saw', async () => {
      await side.given(['CreateUser', { UserName: 'alice' }]);
      const decision = await side.when('UpdateUser', { UserName: 'alice', NewPath: '/' });
      expect(eventsOf(decision)).toEqual([]);
      expect(replyFor({ commandId: 'c' }, decision)).toEqual({
        commandId: 'c',
        correlationId: 'c',
        ok: true,
        output: {},
        // The position of the account's last event (CreateUser, at made-up offset 0).
        consistencyToken: '0:0',
      });
    });

    it('refuses an unknown user (NoSuchEntity) and a taken name (EntityAlreadyExists)', async () => {
      await side.given(['CreateUser', { UserName: 'alice' }], ['CreateUser', { UserName: 'bob' }]);
      expect(errorOf(await side.when('UpdateUser', { UserName: 'carol', NewPath: '/x/' }))).toEqual(
        { Code: 'NoSuchEntity', Message: 'The user with name carol cannot be found.' },
      );
      expect(
        errorOf(await side.when('UpdateUser', { UserName: 'alice', NewUserName: 'Bob' })).Code,
      ).toBe('EntityAlreadyExists');
    });
  });

  describe('DeleteUser', () => {
    it('conflicts while the user has inline or attached policies or groups, then deletes', async () => {
      await side.given(
        ['CreateUser', { UserName: 'alice' }],
        ['CreateGroup', { GroupName: 'readers' }],
        ['AddUserToGroup', { GroupName: 'readers', UserName: 'alice' }],
        ['AttachUserPolicy', { UserName: 'alice', PolicyArn: READ_ONLY }],
        ['PutUserPolicy', { UserName: 'alice', PolicyName: 'p', PolicyDocument: allow('s3:*') }],
      );
      const conflict = async () => errorOf(await side.when('DeleteUser', { UserName: 'alice' }));
      expect(await conflict()).toEqual({
        Code: 'DeleteConflict',
        Message: 'Cannot delete entity, must delete policies first.',
      });
      await side.given(['DeleteUserPolicy', { UserName: 'alice', PolicyName: 'p' }]);
      expect((await conflict()).Message).toBe(
        'Cannot delete entity, must detach all policies first.',
      );
      await side.given(['DetachUserPolicy', { UserName: 'alice', PolicyArn: READ_ONLY }]);
      expect((await conflict()).Message).toBe(
        'Cannot delete entity, must remove users from group first.',
      );
      await side.given(['RemoveUserFromGroup', { GroupName: 'readers', UserName: 'alice' }]);
      const deleted = await side.when('DeleteUser', { UserName: 'alice' });
      expect(typesOf(deleted)).toEqual([IamEventType.UserDeleted]);
      expect(deleted).toMatchObject({ result: {} });
    });
  });

  describe('TagUser and UntagUser', () => {
    it('tag, retag a key in another case, untag: the resulting tags in each event', async () => {
      await side.given(['CreateUser', { UserName: 'alice' }]);
      const tagged = await side.when('TagUser', {
        UserName: 'alice',
        Tags: [
          { Key: 'team', Value: 'data' },
          { Key: 'cost', Value: '42' },
        ],
      });
      expect(eventsOf(tagged)[0].payload).toMatchObject({
        resultingTags: [
          { Key: 'team', Value: 'data' },
          { Key: 'cost', Value: '42' },
        ],
      });
      const retagged = await side.when('TagUser', {
        UserName: 'alice',
        Tags: [{ Key: 'TEAM', Value: 'ops' }],
      });
      expect(eventsOf(retagged)[0].payload).toMatchObject({
        resultingTags: [
          { Key: 'TEAM', Value: 'ops' },
          { Key: 'cost', Value: '42' },
        ],
      });
      const untagged = await side.when('UntagUser', {
        UserName: 'alice',
        TagKeys: ['team', 'absent'],
      });
      expect(eventsOf(untagged)).toMatchObject([
        { type: IamEventType.UserUntagged, payload: { resultingTags: [{ Key: 'cost' }] } },
      ]);
    });

    it('refuses a 51st tag on a user: LimitExceeded', async () => {
      await side.given(
        ['CreateUser', { UserName: 'alice' }],
        ['TagUser', { UserName: 'alice', Tags: tags(50) }],
      );
      expect(
        errorOf(await side.when('TagUser', { UserName: 'alice', Tags: tags(1, 'other') })),
      ).toEqual({
        Code: 'LimitExceeded',
        Message: 'The number of tags has reached the maximum limit.',
      });
    });

    it.each([
      ['no TagKeys', { UserName: 'alice' }],
      ['TagKeys of numbers', { UserName: 'alice', TagKeys: [1] }],
      ['an empty key', { UserName: 'alice', TagKeys: [''] }],
    ])('UntagUser refuses %s with ValidationError', async (_what, input) => {
      expect(errorOf(await side.when('UntagUser', input)).Code).toBe('ValidationError');
    });
  });

  describe('AttachUserPolicy and DetachUserPolicy', () => {
    it('attaches an AWS managed policy once; again changes nothing', async () => {
      await side.given(['CreateUser', { UserName: 'alice' }]);
      const attached = await side.when('AttachUserPolicy', {
        UserName: 'alice',
        PolicyArn: READ_ONLY,
      });
      expect(eventsOf(attached)).toMatchObject([
        {
          type: IamEventType.UserPolicyAttached,
          payload: {
            policyArn: READ_ONLY,
            awsManagedPolicy: { policyName: 'ReadOnlyAccess', defaultVersionId: 'v7' },
          },
        },
      ]);
      const again = await side.when('AttachUserPolicy', {
        UserName: 'alice',
        PolicyArn: READ_ONLY,
      });
      expect(again).toMatchObject({ kind: 'accepted', result: {}, events: [] });
      // Based on the account's last event: the first attachment.
      expect(again.kind === 'accepted' && again.basedOn).toEqual([
        { partition: 0, offset: expect.stringMatching(/^\d+$/) },
      ]);
    });

    it('refuses an 11th managed policy on a user: LimitExceeded', async () => {
      await side.given(['CreateUser', { UserName: 'alice' }]);
      for (let i = 0; i < 11; i++) {
        await side.given(['CreatePolicy', { PolicyName: `p${i}`, PolicyDocument: allow('s3:*') }]);
      }
      for (let i = 0; i < 10; i++) {
        await side.given([
          'AttachUserPolicy',
          { UserName: 'alice', PolicyArn: policyArn(`p${i}`) },
        ]);
      }
      expect(
        errorOf(
          await side.when('AttachUserPolicy', { UserName: 'alice', PolicyArn: policyArn('p10') }),
        ),
      ).toEqual({ Code: 'LimitExceeded', Message: 'Cannot exceed quota for PoliciesPerUser: 10' });
    });

    it('refuses a PolicyArn that is no ARN (InvalidInput) and a policy not attached (NoSuchEntity)', async () => {
      await side.given(['CreateUser', { UserName: 'alice' }]);
      expect(
        errorOf(
          await side.when('AttachUserPolicy', {
            UserName: 'alice',
            PolicyArn: 'this-is-not-an-arn-at-all',
          }),
        ),
      ).toEqual({ Code: 'InvalidInput', Message: 'ARN this-is-not-an-arn-at-all is not valid.' });
      expect(
        errorOf(await side.when('DetachUserPolicy', { UserName: 'alice', PolicyArn: READ_ONLY })),
      ).toEqual({ Code: 'NoSuchEntity', Message: `Policy ${READ_ONLY} was not found.` });
    });
  });

  describe('PutUserPolicy and DeleteUserPolicy', () => {
    it('puts, replaces (same name in another case) and deletes an inline policy', async () => {
      await side.given(['CreateUser', { UserName: 'alice' }]);
      const put = await side.when('PutUserPolicy', {
        UserName: 'alice',
        PolicyName: 'reports',
        PolicyDocument: allow('s3:GetObject'),
      });
      expect(eventsOf(put)).toMatchObject([
        {
          type: IamEventType.UserPolicyPut,
          payload: { userArn: userArn('alice'), policyName: 'reports' },
        },
      ]);
      await side.given([
        'PutUserPolicy',
        { UserName: 'alice', PolicyName: 'REPORTS', PolicyDocument: allow('s3:*') },
      ]);
      expect(side.accounts.get(ACCOUNT).listUserPolicies('alice')).toEqual(['REPORTS']);
      const deleted = await side.when('DeleteUserPolicy', {
        UserName: 'alice',
        PolicyName: 'reports',
      });
      expect(typesOf(deleted)).toEqual([IamEventType.UserPolicyDeleted]);
      expect(
        errorOf(await side.when('DeleteUserPolicy', { UserName: 'alice', PolicyName: 'reports' })),
      ).toEqual({
        Code: 'NoSuchEntity',
        Message: 'The user policy with name reports cannot be found.',
      });
    });

    it('refuses a document the policy validator rejects: MalformedPolicyDocument', async () => {
      await side.given(['CreateUser', { UserName: 'alice' }]);
      const error = errorOf(
        await side.when('PutUserPolicy', {
          UserName: 'alice',
          PolicyName: 'p',
          PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}',
        }),
      );
      expect(error.Code).toBe('MalformedPolicyDocument');
      expect(side.sequence()).toBe(1);
    });
  });

  describe('PutUserPermissionsBoundary and DeleteUserPermissionsBoundary', () => {
    it('puts, replaces and deletes a boundary; deleting none is NoSuchEntity', async () => {
      await side.given(
        ['CreateUser', { UserName: 'alice' }],
        ['CreatePolicy', { PolicyName: 'fence', PolicyDocument: allow('s3:*') }],
      );
      const put = await side.when('PutUserPermissionsBoundary', {
        UserName: 'alice',
        PermissionsBoundary: policyArn('fence'),
      });
      expect(eventsOf(put)).toMatchObject([
        {
          type: IamEventType.UserPermissionsBoundaryPut,
          payload: { permissionsBoundaryArn: policyArn('fence') },
        },
      ]);
      const replaced = await side.when('PutUserPermissionsBoundary', {
        UserName: 'alice',
        PermissionsBoundary: READ_ONLY,
      });
      expect(eventsOf(replaced)[0].payload).toMatchObject({
        permissionsBoundaryArn: READ_ONLY,
        previousPermissionsBoundaryArn: policyArn('fence'),
      });
      const deleted = await side.when('DeleteUserPermissionsBoundary', { UserName: 'alice' });
      expect(typesOf(deleted)).toEqual([IamEventType.UserPermissionsBoundaryDeleted]);
      expect(
        errorOf(await side.when('DeleteUserPermissionsBoundary', { UserName: 'alice' })),
      ).toEqual({
        Code: 'NoSuchEntity',
        Message: 'The user with name alice has no permissions boundary.',
      });
    });
  });

  describe('IAM authorizes IAM', () => {
    it('lets a user act within its policy and denies it beyond, appending nothing', async () => {
      await side.given(
        ['CreateUser', { UserName: 'admin' }],
        [
          'PutUserPolicy',
          {
            UserName: 'admin',
            PolicyName: 'team-admin',
            PolicyDocument: allow('iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/team/*`),
          },
        ],
      );
      const actor = userArn('admin');
      const inTeam = await side.when('CreateUser', { UserName: 'x', Path: '/team/' }, { actor });
      expect(typesOf(inTeam)).toEqual([IamEventType.UserCreated]);
      const before = side.sequence();
      const outside = await side.when('CreateUser', { UserName: 'y', Path: '/other/' }, { actor });
      expect(errorOf(outside)).toEqual({
        Code: 'AccessDenied',
        Message:
          `User: ${actor} is not authorized to perform: iam:CreateUser on resource: ` +
          `${userArn('y', '/other/')} because no identity-based policy allows the iam:CreateUser action`,
      });
      expect(side.sequence()).toBe(before);
    });
  });
});
