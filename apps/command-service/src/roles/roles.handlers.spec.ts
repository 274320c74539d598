import { IamEventType } from '@portcullis/contracts';
import {
  ACCOUNT,
  allow,
  CommandSide,
  errorOf,
  eventsOf,
  NOW,
  policyArn,
  READ_ONLY,
  roleArn,
  TRUST_EC2,
  typesOf,
  userArn,
} from '../shared/testing/command-side.fixture';

describe('roles (given history, when command, then events or error)', () => {
  let side: CommandSide;

  beforeEach(async () => {
    side = await CommandSide.start();
  });

  describe('CreateRole', () => {
    it('with everything: created, tagged, boundary-put; the reply is AWS’s Role with the trust policy as JSON text', async () => {
      const input = {
        RoleName: 'app',
        Path: '/svc/',
        AssumeRolePolicyDocument: TRUST_EC2,
        Description: 'the app',
        MaxSessionDuration: 7200,
        PermissionsBoundary: READ_ONLY,
        Tags: [{ Key: 'env', Value: 'prod' }],
      };
      const decision = await side.when('CreateRole', input, { commandId: 'r1' });
      expect(typesOf(decision)).toEqual([
        IamEventType.RoleCreated,
        IamEventType.RoleTagged,
        IamEventType.RolePermissionsBoundaryPut,
      ]);
      const expected = {
        Role: {
          Path: '/svc/',
          RoleName: 'app',
          RoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
          Arn: roleArn('app', '/svc/'),
          CreateDate: NOW.toISOString(),
          AssumeRolePolicyDocument: TRUST_EC2,
          Description: 'the app',
          MaxSessionDuration: 7200,
          PermissionsBoundary: {
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
            PermissionsBoundaryArn: READ_ONLY,
          },
          Tags: [{ Key: 'env', Value: 'prod' }],
        },
      };
      expect(decision).toMatchObject({ result: expected });
      expect(await side.when('CreateRole', input, { commandId: 'r1' })).toMatchObject({
        kind: 'duplicate',
        result: expected,
      });
    });

    it('defaults: path /, 3600 s, no description, tags or boundary members', async () => {
      const decision = await side.when('CreateRole', {
        RoleName: 'app',
        AssumeRolePolicyDocument: TRUST_EC2,
      });
      const role = (decision as { result: { Role: Record<string, unknown> } }).result.Role;
      expect(role).toMatchObject({ Path: '/', MaxSessionDuration: 3600 });
      expect(Object.keys(role)).not.toEqual(
        expect.arrayContaining(['Description', 'Tags', 'PermissionsBoundary']),
      );
    });

    it.each([
      ['a MaxSessionDuration that is not an integer', { MaxSessionDuration: 3600.5 }],
      ['a MaxSessionDuration given as text', { MaxSessionDuration: '3600' }],
      ['a MaxSessionDuration under an hour', { MaxSessionDuration: 60 }],
      ['a MaxSessionDuration over 12 hours', { MaxSessionDuration: 43201 }],
      ['a description with a control character', { Description: 'bell\u0007' }],
      ['a name of 65 characters', { RoleName: 'r'.repeat(65) }],
      ['no trust policy', { AssumeRolePolicyDocument: undefined }],
    ])('refuses %s with ValidationError', async (_what, change) => {
      const input = { RoleName: 'app', AssumeRolePolicyDocument: TRUST_EC2, ...change };
      expect(errorOf(await side.when('CreateRole', input)).Code).toBe('ValidationError');
      expect(side.sequence()).toBe(0);
    });

    it('refuses a trust policy without a principal: MalformedPolicyDocument', async () => {
      const error = errorOf(
        await side.when('CreateRole', { RoleName: 'app', AssumeRolePolicyDocument: allow('s3:*') }),
      );
      expect(error.Code).toBe('MalformedPolicyDocument');
    });

    it('refuses a second role of the same name: EntityAlreadyExists', async () => {
      await side.given(['CreateRole', { RoleName: 'app', AssumeRolePolicyDocument: TRUST_EC2 }]);
      expect(
        errorOf(
          await side.when('CreateRole', { RoleName: 'APP', AssumeRolePolicyDocument: TRUST_EC2 }),
        ),
      ).toEqual({ Code: 'EntityAlreadyExists', Message: 'Role with name APP already exists.' });
    });
  });

  describe('changes to a role', () => {
    beforeEach(async () => {
      await side.given(['CreateRole', { RoleName: 'app', AssumeRolePolicyDocument: TRUST_EC2 }]);
    });

    it('UpdateAssumeRolePolicy replaces the trust policy', async () => {
      const trust = TRUST_EC2.replace('ec2', 'lambda');
      const decision = await side.when('UpdateAssumeRolePolicy', {
        RoleName: 'app',
        PolicyDocument: trust,
      });
      expect(eventsOf(decision)).toMatchObject([
        {
          type: IamEventType.RoleTrustPolicyUpdated,
          payload: { roleArn: roleArn('app'), assumeRolePolicyDocument: trust },
        },
      ]);
      expect(decision).toMatchObject({ result: {} });
    });

    it('UpdateRole changes what is given; the same values again change nothing', async () => {
      const decision = await side.when('UpdateRole', {
        RoleName: 'app',
        Description: 'new',
        MaxSessionDuration: 14400,
      });
      expect(eventsOf(decision)).toMatchObject([
        {
          type: IamEventType.RoleUpdated,
          payload: { description: 'new', maxSessionDuration: 14400 },
        },
      ]);
      expect(
        eventsOf(await side.when('UpdateRole', { RoleName: 'app', MaxSessionDuration: 14400 })),
      ).toEqual([]);
    });

    it('TagRole and UntagRole', async () => {
      const tagged = await side.when('TagRole', {
        RoleName: 'app',
        Tags: [{ Key: 'env', Value: 'prod' }],
      });
      expect(typesOf(tagged)).toEqual([IamEventType.RoleTagged]);
      const untagged = await side.when('UntagRole', { RoleName: 'app', TagKeys: ['ENV'] });
      expect(eventsOf(untagged)).toMatchObject([
        { type: IamEventType.RoleUntagged, payload: { resultingTags: [] } },
      ]);
    });

    it('DeleteRole conflicts with inline and attached policies; a boundary goes with the role', async () => {
      await side.given(
        ['PutRolePolicy', { RoleName: 'app', PolicyName: 'p', PolicyDocument: allow('s3:*') }],
        ['AttachRolePolicy', { RoleName: 'app', PolicyArn: READ_ONLY }],
        ['PutRolePermissionsBoundary', { RoleName: 'app', PermissionsBoundary: READ_ONLY }],
      );
      expect(errorOf(await side.when('DeleteRole', { RoleName: 'app' }))).toEqual({
        Code: 'DeleteConflict',
        Message: 'Cannot delete entity, must delete policies first.',
      });
      await side.given(['DeleteRolePolicy', { RoleName: 'app', PolicyName: 'p' }]);
      expect(errorOf(await side.when('DeleteRole', { RoleName: 'app' })).Message).toBe(
        'Cannot delete entity, must detach all policies first.',
      );
      await side.given(['DetachRolePolicy', { RoleName: 'app', PolicyArn: READ_ONLY }]);
      const deleted = await side.when('DeleteRole', { RoleName: 'app' });
      expect(eventsOf(deleted)).toMatchObject([
        { type: IamEventType.RoleDeleted, payload: { permissionsBoundaryArn: READ_ONLY } },
      ]);
    });

    it('PutRolePermissionsBoundary and DeleteRolePermissionsBoundary', async () => {
      await side.given(['CreatePolicy', { PolicyName: 'fence', PolicyDocument: allow('s3:*') }]);
      const put = await side.when('PutRolePermissionsBoundary', {
        RoleName: 'app',
        PermissionsBoundary: policyArn('fence'),
      });
      expect(typesOf(put)).toEqual([IamEventType.RolePermissionsBoundaryPut]);
      const deleted = await side.when('DeleteRolePermissionsBoundary', { RoleName: 'app' });
      expect(typesOf(deleted)).toEqual([IamEventType.RolePermissionsBoundaryDeleted]);
      expect(
        errorOf(await side.when('DeleteRolePermissionsBoundary', { RoleName: 'app' })),
      ).toEqual({
        Code: 'NoSuchEntity',
        Message: 'The role with name app has no permissions boundary.',
      });
    });

    it('AttachRolePolicy of an AWS managed policy the catalogue lacks: NoSuchEntity', async () => {
      const arn = 'arn:aws:iam::aws:policy/NoSuchManagedPolicy';
      expect(
        errorOf(await side.when('AttachRolePolicy', { RoleName: 'app', PolicyArn: arn })),
      ).toEqual({
        Code: 'NoSuchEntity',
        Message: `Policy ${arn} does not exist or is not attachable.`,
      });
    });

    it('a delegated administrator may attach only the policies its condition names', async () => {
      await side.given(
        ['CreateUser', { UserName: 'ops' }],
        [
          'PutUserPolicy',
          {
            UserName: 'ops',
            PolicyName: 'attach-read-only',
            PolicyDocument: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'iam:AttachRolePolicy',
                  Resource: `arn:aws:iam::${ACCOUNT}:role/*`,
                  Condition: { ArnEquals: { 'iam:PolicyARN': READ_ONLY } },
                },
              ],
            }),
          },
        ],
      );
      const actor = userArn('ops');
      expect(
        typesOf(
          await side.when('AttachRolePolicy', { RoleName: 'app', PolicyArn: READ_ONLY }, { actor }),
        ),
      ).toEqual([IamEventType.RolePolicyAttached]);
      const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
      expect(
        errorOf(
          await side.when('AttachRolePolicy', { RoleName: 'app', PolicyArn: admin }, { actor }),
        ).Code,
      ).toBe('AccessDenied');
    });
  });
});
