import { authorizeIamCommand, type IamAuthorization } from './authorize-iam-request';
import { CompiledPolicyCache } from './compiled-policy-cache';
import { FakeIamDirectory, policyOf } from './fake-iam-directory';
import { IAM_ACTION_MAP, IamRequestShapeError } from './iam-action-map';
import type { IamDirectory } from './iam-directory.port';

const ACCT = '111122223333';
const OTHER = '444455556666';
const ROOT = `arn:aws:iam::${ACCT}:root`;
const NOW = new Date('2026-03-04T05:06:07.890Z');

const allow = (Action: string | string[], Resource: string | string[], Condition?: object) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});
const denyStatement = (Action: string | string[], Resource: string | string[]) => ({
  Effect: 'Deny',
  Action,
  Resource,
});

describe('authorizeIamCommand (IAM authorizes IAM)', () => {
  let d: FakeIamDirectory;
  let cache: CompiledPolicyCache;
  const run = (actor: string, action: string, input: object, accountId = ACCT, now = NOW) =>
    authorizeIamCommand({ accountId, actor, action, input }, d, now, { cache });
  const message = (result: IamAuthorization) => (result.allowed ? 'allowed' : result.error.Message);

  beforeEach(() => {
    d = new FakeIamDirectory(ACCT);
    cache = new CompiledPolicyCache(100);
  });

  describe('the account root', () => {
    it('may do everything in its own account, without looking anything up', () => {
      const untouchable: IamDirectory = {
        policiesOf: () => {
          throw new Error('no lookup expected');
        },
        lookup: () => {
          throw new Error('no lookup expected');
        },
        accessKeyOwner: () => {
          throw new Error('no lookup expected');
        },
      };
      for (const action of Object.keys(IAM_ACTION_MAP)) {
        expect(
          authorizeIamCommand(
            { accountId: ACCT, actor: ROOT, action, input: {} },
            untouchable,
            NOW,
          ),
        ).toEqual({ allowed: true });
      }
    });

    it('may do nothing in another account: IAM entities have no resource-based policies', () => {
      const result = run(`arn:aws:iam::${OTHER}:root`, 'CreateUser', { UserName: 'mallory' });
      expect(result).toEqual({
        allowed: false,
        error: {
          Code: 'AccessDenied',
          Message:
            `User: arn:aws:iam::${OTHER}:root is not authorized to perform: iam:CreateUser on resource: ` +
            `arn:aws:iam::${ACCT}:user/mallory because no resource-based policy allows the iam:CreateUser action`,
        },
        explanation: expect.stringContaining(`belongs to account ${OTHER}`),
      });
    });
  });

  it('denies a user of another account even if it holds iam:* in its own', () => {
    const result = run(`arn:aws:iam::${OTHER}:user/admin`, 'DeleteUser', { UserName: 'alice' });
    expect(message(result)).toMatch(
      /because no resource-based policy allows the iam:DeleteUser action$/,
    );
  });

  it('denies an actor the account does not know, and one that is no principal ARN', () => {
    expect(message(run(`arn:aws:iam::${ACCT}:user/ghost`, 'GetUser', { UserName: 'ghost' }))).toBe(
      `User: arn:aws:iam::${ACCT}:user/ghost is not authorized to perform: iam:GetUser on resource: ` +
        `arn:aws:iam::${ACCT}:user/ghost because no identity-based policy allows the iam:GetUser action`,
    );
    expect(run('alice', 'GetUser', { UserName: 'alice' }).allowed).toBe(false);
    expect(run(ACCT, 'GetUser', { UserName: 'alice' }).allowed).toBe(false);
  });

  describe('a user with an inline Allow iam:CreateUser on a path', () => {
    it('may create users under that path and nowhere else', () => {
      const alice = d.user('alice', {
        inline: {
          create: policyOf(allow('iam:CreateUser', `arn:aws:iam::${ACCT}:user/division/*`)),
        },
      });
      expect(run(alice, 'CreateUser', { UserName: 'bob', Path: '/division/' })).toEqual({
        allowed: true,
      });
      expect(run(alice, 'CreateUser', { UserName: 'bob', Path: '/division/team/' }).allowed).toBe(
        true,
      );
      const denied = run(alice, 'CreateUser', { UserName: 'bob' });
      expect(denied).toEqual({
        allowed: false,
        error: {
          Code: 'AccessDenied',
          Message:
            `User: ${alice} is not authorized to perform: iam:CreateUser on resource: ` +
            `arn:aws:iam::${ACCT}:user/bob because no identity-based policy allows the iam:CreateUser action`,
        },
        explanation: expect.stringContaining('ImplicitDeny'),
      });
      expect(run(alice, 'DeleteUser', { UserName: 'bob' }).allowed).toBe(false); // other action
    });

    it('on user/* may create users anywhere in the account', () => {
      const alice = d.user('alice', {
        inline: { create: policyOf(allow('iam:CreateUser', `arn:aws:iam::${ACCT}:user/*`)) },
      });
      expect(run(alice, 'CreateUser', { UserName: 'bob' }).allowed).toBe(true);
      expect(run(alice, 'CreateUser', { UserName: 'bob', Path: '/a/b/' }).allowed).toBe(true);
      expect(run(alice, 'CreateGroup', { GroupName: 'g' }).allowed).toBe(false);
    });
  });

  describe('explicit deny wins', () => {
    it('over an Allow iam:*, in AWS words (an inline policy has no ARN to name)', () => {
      d.user('root-admin', { path: '/admins/' });
      const alice = d.user('alice', {
        inline: {
          admin: policyOf(allow('iam:*', '*')),
          guard: policyOf(denyStatement('iam:DeleteUser', `arn:aws:iam::${ACCT}:user/admins/*`)),
        },
      });
      expect(run(alice, 'DeleteUser', { UserName: 'bob' }).allowed).toBe(true);
      const result = run(alice, 'DeleteUser', { UserName: 'root-admin' });
      expect(message(result)).toBe(
        `User: ${alice} is not authorized to perform: iam:DeleteUser on resource: ` +
          `arn:aws:iam::${ACCT}:user/admins/root-admin with an explicit deny in an identity-based policy`,
      );
      expect(!result.allowed && result.explanation).toContain(`${alice}#inline/guard statement 0`);
    });

    it('naming the managed policy that denied (2026 message format)', () => {
      const guard = d.policy(
        'ProtectAdmins',
        policyOf(denyStatement('iam:*', `arn:aws:iam::${ACCT}:user/admins/*`)),
      );
      d.user('root-admin', { path: '/admins/' });
      const alice = d.user('alice', {
        inline: { admin: policyOf(allow('iam:*', '*')) },
        attached: [guard],
      });
      expect(message(run(alice, 'TagUser', { UserName: 'root-admin', Tags: [] }))).toMatch(
        new RegExp(`with an explicit deny in an identity-based policy: ${guard}$`),
      );
    });
  });

  describe('a permissions boundary', () => {
    it('limits what the identity policies grant', () => {
      const readOnly = d.policy(
        'ReadOnlyBoundary',
        policyOf(allow(['iam:Get*', 'iam:List*'], '*')),
      );
      const alice = d.user('alice', {
        inline: { admin: policyOf(allow('iam:*', '*')) },
        boundary: readOnly,
      });
      expect(run(alice, 'GetUser', { UserName: 'alice' }).allowed).toBe(true);
      expect(message(run(alice, 'CreateUser', { UserName: 'bob' }))).toBe(
        `User: ${alice} is not authorized to perform: iam:CreateUser on resource: ` +
          `arn:aws:iam::${ACCT}:user/bob because no permissions boundary allows the iam:CreateUser action`,
      );
    });

    it('grants nothing by itself', () => {
      const everything = d.policy('Everything', policyOf(allow('*', '*')));
      const alice = d.user('alice', { boundary: everything });
      expect(message(run(alice, 'GetUser', { UserName: 'alice' }))).toMatch(
        /because no identity-based policy allows the iam:GetUser action$/,
      );
    });

    it('with a Deny is reported as such', () => {
      const boundary = d.policy(
        'NoDeletes',
        policyOf(allow('*', '*'), denyStatement('iam:Delete*', '*')),
      );
      const alice = d.user('alice', { inline: { admin: policyOf(allow('iam:*', '*')) }, boundary });
      expect(message(run(alice, 'DeleteGroup', { GroupName: 'g' }))).toMatch(
        new RegExp(`with an explicit deny in a permissions boundary: ${boundary}$`),
      );
    });
  });

  it('iam:PolicyARN lets a user attach only one policy', () => {
    const readOnly = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const alice = d.user('alice', {
      inline: {
        attach: policyOf(
          allow(['iam:AttachUserPolicy', 'iam:DetachUserPolicy'], `arn:aws:iam::${ACCT}:user/*`, {
            ArnEquals: { 'iam:PolicyARN': readOnly },
          }),
        ),
      },
    });
    d.user('bob');
    expect(run(alice, 'AttachUserPolicy', { UserName: 'bob', PolicyArn: readOnly }).allowed).toBe(
      true,
    );
    expect(run(alice, 'DetachUserPolicy', { UserName: 'bob', PolicyArn: readOnly }).allowed).toBe(
      true,
    );
    const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
    expect(message(run(alice, 'AttachUserPolicy', { UserName: 'bob', PolicyArn: admin }))).toBe(
      `User: ${alice} is not authorized to perform: iam:AttachUserPolicy on resource: ` +
        `arn:aws:iam::${ACCT}:user/bob because no identity-based policy allows the iam:AttachUserPolicy action`,
    );
  });

  describe('iam:PermissionsBoundary', () => {
    it('can require CreateUser to set a given boundary', () => {
      const boundary = d.policy('DevBoundary', policyOf(allow('s3:*', '*')));
      const alice = d.user('alice', {
        inline: {
          create: policyOf(
            allow('iam:CreateUser', `arn:aws:iam::${ACCT}:user/*`, {
              StringEquals: { 'iam:PermissionsBoundary': boundary },
            }),
          ),
        },
      });
      expect(
        run(alice, 'CreateUser', { UserName: 'bob', PermissionsBoundary: boundary }).allowed,
      ).toBe(true);
      expect(run(alice, 'CreateUser', { UserName: 'bob' }).allowed).toBe(false);
      const other = `arn:aws:iam::${ACCT}:policy/Other`;
      expect(
        run(alice, 'CreateUser', { UserName: 'bob', PermissionsBoundary: other }).allowed,
      ).toBe(false);
    });

    it('on Attach/Put*Policy is the target’s current boundary (delegated administrator)', () => {
      const boundary = d.policy('DevBoundary', policyOf(allow('s3:*', '*')));
      const alice = d.user('alice', {
        inline: {
          delegate: policyOf(
            allow(['iam:AttachUserPolicy', 'iam:PutUserPolicy'], '*', {
              StringEquals: { 'iam:PermissionsBoundary': boundary },
            }),
          ),
        },
      });
      d.user('bounded', { boundary });
      d.user('free');
      const policyArn = 'arn:aws:iam::aws:policy/AdministratorAccess';
      expect(
        run(alice, 'AttachUserPolicy', { UserName: 'bounded', PolicyArn: policyArn }).allowed,
      ).toBe(true);
      expect(run(alice, 'PutUserPolicy', { UserName: 'bounded', PolicyName: 'p' }).allowed).toBe(
        true,
      );
      expect(
        run(alice, 'AttachUserPolicy', { UserName: 'free', PolicyArn: policyArn }).allowed,
      ).toBe(false);
    });
  });

  it('aws:RequestTag and aws:TagKeys constrain TagUser', () => {
    const alice = d.user('alice', {
      tags: { team: 'blue' },
      inline: {
        tag: policyOf(
          allow('iam:TagUser', '*', {
            StringEquals: { 'aws:RequestTag/team': '${aws:PrincipalTag/team}' },
            'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'project'] },
          }),
        ),
      },
    });
    d.user('bob');
    const tag = (...tags: [string, string][]) =>
      run(alice, 'TagUser', { UserName: 'bob', Tags: tags.map(([Key, Value]) => ({ Key, Value })) })
        .allowed;
    expect(tag(['team', 'blue'])).toBe(true);
    expect(tag(['team', 'blue'], ['project', 'apollo'])).toBe(true);
    expect(tag(['team', 'red'])).toBe(false); // not her team
    expect(tag(['team', 'blue'], ['cost', '1'])).toBe(false); // a key outside the list
    expect(tag(['project', 'apollo'])).toBe(false); // no team tag: aws:RequestTag/team absent
  });

  it('aws:ResourceTag (and iam:ResourceTag) on DeleteUser: only users of the caller’s team', () => {
    const alice = d.user('alice', {
      tags: { team: 'blue' },
      inline: {
        del: policyOf(
          allow('iam:DeleteUser', '*', {
            StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' },
          }),
          allow('iam:DeleteRole', '*', { StringEquals: { 'iam:ResourceTag/team': 'blue' } }),
        ),
      },
    });
    d.user('blue-bob', { tags: { team: 'blue' } });
    d.user('red-bob', { tags: { team: 'red' } });
    d.user('untagged');
    d.role('blue-role', { tags: { team: 'blue' } });
    expect(run(alice, 'DeleteUser', { UserName: 'blue-bob' }).allowed).toBe(true);
    expect(run(alice, 'DeleteUser', { UserName: 'red-bob' }).allowed).toBe(false);
    expect(run(alice, 'DeleteUser', { UserName: 'untagged' }).allowed).toBe(false);
    expect(run(alice, 'DeleteRole', { RoleName: 'blue-role' }).allowed).toBe(true);
  });

  it('${aws:username} lets each user manage only its own inline policies', () => {
    const self = policyOf(
      allow(
        ['iam:PutUserPolicy', 'iam:GetUserPolicy', 'iam:DeleteUserPolicy', 'iam:ListUserPolicies'],
        `arn:aws:iam::${ACCT}:user/\${aws:username}`,
      ),
    );
    const group = 'self-service';
    d.group(group, { inline: { self } });
    const alice = d.user('alice', { groups: [group] });
    d.user('bob', { groups: [group] });
    expect(run(alice, 'PutUserPolicy', { UserName: 'alice', PolicyName: 'mine' }).allowed).toBe(
      true,
    );
    expect(run(alice, 'ListUserPolicies', { UserName: 'alice' }).allowed).toBe(true);
    expect(message(run(alice, 'PutUserPolicy', { UserName: 'bob', PolicyName: 'mine' }))).toBe(
      `User: ${alice} is not authorized to perform: iam:PutUserPolicy on resource: ` +
        `arn:aws:iam::${ACCT}:user/bob because no identity-based policy allows the iam:PutUserPolicy action`,
    );
  });

  it('a user’s groups’ policies apply (the directory composes them), and stop when it leaves', () => {
    const groupAdmin = d.policy('GroupAdmin', policyOf(allow('iam:*Group*', '*')));
    d.group('admins', { attached: [groupAdmin] });
    const alice = d.user('alice', { groups: ['admins'] });
    expect(run(alice, 'CreateGroup', { GroupName: 'ops' }).allowed).toBe(true);
    expect(run(alice, 'AddUserToGroup', { GroupName: 'admins', UserName: 'bob' }).allowed).toBe(
      true,
    );
    expect(run(alice, 'CreateUser', { UserName: 'bob' }).allowed).toBe(false);
    d.removeFromGroup(alice, 'admins');
    expect(run(alice, 'CreateGroup', { GroupName: 'ops' }).allowed).toBe(false);
  });

  describe('a role session', () => {
    it("is evaluated with its role's policies and the role's global keys", () => {
      const role = d.role('deployer', {
        path: '/service/',
        tags: { team: 'platform' },
        inline: {
          deploy: policyOf(
            allow('iam:CreateRole', `arn:aws:iam::${ACCT}:role/app/*`, {
              ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/service/deployer` },
              StringEquals: {
                'aws:PrincipalType': 'AssumedRole',
                'aws:PrincipalTag/team': 'platform',
                'aws:PrincipalAccount': ACCT,
              },
              StringLike: { 'aws:userid': 'AROA*:ci-42' },
              Null: { 'aws:username': 'true' },
            }),
          ),
        },
      });
      expect(role).toBe(`arn:aws:iam::${ACCT}:role/service/deployer`);
      const session = `arn:aws:sts::${ACCT}:assumed-role/deployer/ci-42`;
      expect(run(session, 'CreateRole', { RoleName: 'web', Path: '/app/' })).toEqual({
        allowed: true,
      });
      expect(message(run(session, 'CreateRole', { RoleName: 'web' }))).toBe(
        `User: ${session} is not authorized to perform: iam:CreateRole on resource: ` +
          `arn:aws:iam::${ACCT}:role/web because no identity-based policy allows the iam:CreateRole action`,
      );
      // Another session name fails the aws:userid condition.
      const other = `arn:aws:sts::${ACCT}:assumed-role/deployer/laptop`;
      expect(run(other, 'CreateRole', { RoleName: 'web', Path: '/app/' }).allowed).toBe(false);
    });

    it('of a role that does not exist, or of another account, is denied', () => {
      d.role('deployer', { inline: { all: policyOf(allow('iam:*', '*')) } });
      const ghost = `arn:aws:sts::${ACCT}:assumed-role/ghost/s`;
      expect(message(run(ghost, 'GetUser', { UserName: 'x' }))).toMatch(
        /because no identity-based policy allows the iam:GetUser action$/,
      );
      const foreign = `arn:aws:sts::${OTHER}:assumed-role/deployer/s`;
      expect(message(run(foreign, 'GetUser', { UserName: 'x' }))).toMatch(
        /because no resource-based policy allows the iam:GetUser action$/,
      );
    });
  });

  it('a user’s global keys: aws:username, aws:userid, aws:PrincipalType User', () => {
    const alice = d.user('alice', {
      path: '/eng/',
      inline: {
        p: policyOf(
          allow('iam:GetUser', '*', {
            StringEquals: {
              'aws:username': 'alice',
              'aws:PrincipalType': 'User',
              'aws:PrincipalArn': `arn:aws:iam::${ACCT}:user/eng/alice`,
            },
            StringLike: { 'aws:userid': 'AIDA*' },
          }),
        ),
      },
    });
    expect(run(alice, 'GetUser', { UserName: 'alice' }).allowed).toBe(true);
  });

  it('aws:CurrentTime and aws:EpochTime come from `now`', () => {
    const alice = d.user('alice', {
      inline: {
        p: policyOf(
          allow('iam:ListUsers', '*', {
            DateLessThan: { 'aws:CurrentTime': '2026-06-01T00:00:00Z' },
          }),
          allow('iam:ListRoles', '*', { NumericLessThan: { 'aws:EpochTime': '1780272000' } }),
        ),
      },
    });
    expect(run(alice, 'ListUsers', {}).allowed).toBe(true);
    expect(run(alice, 'ListRoles', {}).allowed).toBe(true);
    const later = new Date('2026-07-01T00:00:00Z');
    expect(run(alice, 'ListUsers', {}, ACCT, later).allowed).toBe(false);
    expect(run(alice, 'ListRoles', {}, ACCT, later).allowed).toBe(false);
  });

  it('a rename (UpdateUser NewPath) needs permission on the source and the target ARN', () => {
    const alice = d.user('alice', {
      inline: { p: policyOf(allow('iam:UpdateUser', `arn:aws:iam::${ACCT}:user/eng/*`)) },
    });
    d.user('bob', { path: '/eng/' });
    expect(run(alice, 'UpdateUser', { UserName: 'bob', NewUserName: 'robert' }).allowed).toBe(true);
    expect(message(run(alice, 'UpdateUser', { UserName: 'bob', NewPath: '/ops/' }))).toBe(
      `User: ${alice} is not authorized to perform: iam:UpdateUser on resource: ` +
        `arn:aws:iam::${ACCT}:user/ops/bob because no identity-based policy allows the iam:UpdateUser action`,
    );
  });

  it('CreateAccount is organizations:CreateAccount on "*", in the actor’s own account', () => {
    const alice = d.user('alice', {
      inline: { p: policyOf(allow('organizations:CreateAccount', '*')) },
    });
    const bob = d.user('bob', { inline: { p: policyOf(allow('iam:*', '*')) } });
    expect(run(alice, 'CreateAccount', { AccountName: 'acme' }).allowed).toBe(true);
    expect(message(run(bob, 'CreateAccount', { AccountName: 'acme' }))).toBe(
      `User: ${bob} is not authorized to perform: organizations:CreateAccount on resource: * ` +
        'because no identity-based policy allows the organizations:CreateAccount action',
    );
  });

  it('a principal with no permissions is denied every mapped action, in a well-formed sentence', () => {
    const nobody = d.user('nobody');
    // prettier-ignore
    const input = {
      UserName: 'u', GroupName: 'g', RoleName: 'r', PolicyName: 'p',
      PolicyArn: `arn:aws:iam::${ACCT}:policy/p`, AccountName: 'a',
      VirtualMFADeviceName: 'phone', SerialNumber: `arn:aws:iam::${ACCT}:mfa/phone`,
      AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
    };
    for (const [action, spec] of Object.entries(IAM_ACTION_MAP)) {
      expect(message(run(nobody, action, input))).toMatch(
        new RegExp(
          `^User: ${nobody} is not authorized to perform: ${spec.action} on resource: ` +
            `(\\*|arn:aws:iam::${ACCT}:(user|group|role|policy|mfa)/\\S+) ` +
            `because no identity-based policy allows the ${spec.action} action$`,
        ),
      );
    }
  });

  it('compiles each policy once while its document is unchanged', () => {
    const shared = d.policy('Shared', policyOf(allow('iam:Get*', '*')));
    const alice = d.user('alice', {
      inline: { a: policyOf(allow('iam:List*', '*')) },
      attached: [shared],
    });
    const bob = d.user('bob', { attached: [shared] });
    run(alice, 'GetUser', { UserName: 'alice' });
    run(alice, 'ListUsers', {});
    run(bob, 'GetUser', { UserName: 'bob' });
    expect(cache.stats).toEqual({ hits: 3, misses: 2, size: 2 });
    d.setDefaultVersion(shared, policyOf(allow('iam:GetRole', '*')));
    expect(run(bob, 'GetUser', { UserName: 'bob' }).allowed).toBe(false);
    expect(cache.stats).toMatchObject({ misses: 3, size: 2 });
  });

  it('fails closed when a stored policy no longer compiles', () => {
    const alice = d.user('alice', {
      inline: {
        ok: policyOf(allow('iam:*', '*')),
        broken:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NoSuchOperator":{"a":"b"}}}]}',
      },
    });
    const result = run(alice, 'GetUser', { UserName: 'alice' });
    expect(result.allowed).toBe(false);
    expect(!result.allowed && result.explanation).toMatch(/could not be compiled/);
  });

  it('refuses to guess for an unmapped action', () => {
    expect(() => run(ROOT, 'UploadSSHPublicKey', {})).toThrow(IamRequestShapeError);
  });
});
