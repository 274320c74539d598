import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli } from '../../cli/src/program';
import { captureIo } from '../../cli/src/testing/cli-fixtures';
import {
  AuthzClient,
  grpcHealthStatus,
  reflectedServices,
  type CheckReply,
} from '../../../test/support/authz-client';
import { Harness, startPortcullis } from '../../../test/support/portcullis-harness';
import { mintCredentials } from '../../../test/support/test-credentials';
import { loadCorpus, runCorpus, summarize } from '../../../test/e2e/query-corpus.support';

const ACCOUNT = '123456789012';
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const ALICE = arn('user', 'alice');
const BOB = arn('user', 'bob');
const DEPLOYER = arn('role', 'Deployer');
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const TRUST = doc({
  Effect: 'Allow',
  Principal: { Service: 'ec2.amazonaws.com' },
  Action: 'sts:AssumeRole',
});
const SQS_READ = 'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess';

/**
 * The query service on the embedded defaults, through gRPC as any consumer calls it: every RPC,
 * its errors, read-your-writes after each kind of change, health and reflection, the CLI, and
 * the whole policy corpus set up through commands and checked through Check. Calls are made as
 * the account's root, with a session token minted with the keys the service is given.
 */
describe('query service (embedded defaults)', () => {
  const keys = { IAM_KEY_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` };
  // One set of root credentials per account: a case signs its writes and its checks with them.
  const roots = new Map<string, ReturnType<typeof mintCredentials>>();
  const rootOf = (account: string) => {
    if (!roots.has(account))
      roots.set(account, mintCredentials(keys, `arn:aws:iam::${account}:root`));
    return roots.get(account)!;
  };
  const sessionTokenOf = (principal: string) => mintCredentials(keys, principal).sessionToken;
  const rootToken = sessionTokenOf(ROOT);
  let dir: string;
  let h: Harness;
  let authz: AuthzClient;
  let address: string;
  let token = '';

  /** A write that must succeed; remembers its consistency token. */
  async function ok(action: string, body: object): Promise<Record<string, unknown>> {
    const res = await h.call(action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.ConsistencyToken) token = res.body.ConsistencyToken as string;
    return res.body;
  }
  const fresh = () => ({ at_least_as_fresh: token });
  const check = (principal: string, action: string, resource: string, extra: object = {}) =>
    authz.check({ principal_arn: principal, action, resource, consistency: fresh(), ...extra });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-query-'));
    h = await startPortcullis({ IAM_DATA_DIR: dir, IAM_LOG_LEVEL: 'silent', ...keys }, ACCOUNT);
    authz = h.authz.withToken(rootToken);
    address = h.authz.address;

    const s3Read = await ok('CreatePolicy', {
      PolicyName: 'S3Read',
      PolicyDocument: doc({
        Sid: 'Reports',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::reports/*',
      }),
    });
    await ok('CreateGroup', { GroupName: 'analysts' });
    await ok('AttachGroupPolicy', {
      GroupName: 'analysts',
      PolicyArn: (s3Read.Policy as { Arn: string }).Arn,
    });
    await ok('AttachGroupPolicy', { GroupName: 'analysts', PolicyArn: SQS_READ });
    await ok('PutGroupPolicy', {
      GroupName: 'analysts',
      PolicyName: 'no-payroll',
      PolicyDocument: doc({
        Sid: 'NoPayroll',
        Effect: 'Deny',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::reports/payroll/*',
      }),
    });
    await ok('CreateUser', { UserName: 'alice', Tags: [{ Key: 'team', Value: 'blue' }] });
    await ok('AddUserToGroup', { GroupName: 'analysts', UserName: 'alice' });
    await ok('PutUserPolicy', {
      UserName: 'alice',
      PolicyName: 'own',
      PolicyDocument: doc(
        {
          Sid: 'Home',
          Effect: 'Allow',
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::home/${aws:username}/*',
        },
        {
          Sid: 'Team',
          Effect: 'Allow',
          Action: 'dynamodb:GetItem',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
        },
      ),
    });
    await ok('CreatePolicy', {
      PolicyName: 'Boundary',
      PolicyDocument: doc({ Effect: 'Allow', Action: ['s3:*', 'sqs:*'], Resource: '*' }),
    });
    await ok('CreateUser', { UserName: 'bob', PermissionsBoundary: arn('policy', 'Boundary') });
    await ok('PutUserPolicy', {
      UserName: 'bob',
      PolicyName: 'wide',
      PolicyDocument: doc({ Effect: 'Allow', Action: ['iam:*', 's3:GetObject'], Resource: '*' }),
    });
    await ok('CreateRole', { RoleName: 'Deployer', AssumeRolePolicyDocument: TRUST });
    await ok('PutRolePolicy', {
      RoleName: 'Deployer',
      PolicyName: 'builds',
      PolicyDocument: doc({
        Effect: 'Allow',
        Action: 'lambda:UpdateFunctionCode',
        Resource: '*',
        Condition: { StringLike: { 'aws:userid': '*:build-*' } },
      }),
    });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('Check', () => {
    it('composes own inline, group inline, group-attached customer and AWS managed policies', async () => {
      expect((await check(ALICE, 's3:GetObject', 'arn:aws:s3:::reports/q1.csv')).decision).toBe(
        'ALLOW',
      );
      expect(
        (await check(ALICE, 'sqs:GetQueueUrl', `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`)).decision,
      ).toBe('ALLOW');
      expect(
        (await check(ALICE, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`)).decision,
      ).toBe('IMPLICIT_DENY');
      const denied = await check(ALICE, 's3:GetObject', 'arn:aws:s3:::reports/payroll/march.csv', {
        explain: true,
      });
      expect(denied).toMatchObject({ decision: 'EXPLICIT_DENY', decided_by: 'identity' });
      expect(denied.matched_statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            policy_id: arn('policy', 'S3Read'),
            sid: 'Reports',
            effect: 'Allow',
          }),
          expect.objectContaining({
            policy_id: `${arn('group', 'analysts')}#inline/no-payroll`,
            sid: 'NoPayroll',
            effect: 'Deny',
          }),
        ]),
      );
    });

    it('fills aws:username and aws:PrincipalTag from the principal; a caller cannot supply them', async () => {
      expect(
        (await check(ALICE, 's3:PutObject', 'arn:aws:s3:::home/alice/notes.txt')).decision,
      ).toBe('ALLOW');
      expect((await check(ALICE, 's3:PutObject', 'arn:aws:s3:::home/bob/notes.txt')).decision).toBe(
        'IMPLICIT_DENY',
      );
      expect((await check(ALICE, 'dynamodb:GetItem', '*')).decision).toBe('ALLOW');
      const spoofed = await check(ALICE, 's3:PutObject', 'arn:aws:s3:::home/bob/notes.txt', {
        context: {
          'aws:username': { string_value: 'bob' },
          'aws:PrincipalTag/team': { string_value: 'red' },
        },
      });
      expect(spoofed.decision).toBe('IMPLICIT_DENY');
    });

    it('holds a principal to its permissions boundary', async () => {
      expect((await check(BOB, 's3:GetObject', 'arn:aws:s3:::any/thing')).decision).toBe('ALLOW');
      expect(await check(BOB, 'iam:CreateUser', arn('user', 'x'))).toMatchObject({
        decision: 'IMPLICIT_DENY',
        decided_by: 'boundary',
      });
    });

    it('checks a role session with its role’s policies and aws:userid <role id>:<session>', async () => {
      const session = (name: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/${name}`;
      expect((await check(session('build-42'), 'lambda:UpdateFunctionCode', '*')).decision).toBe(
        'ALLOW',
      );
      expect((await check(session('human'), 'lambda:UpdateFunctionCode', '*')).decision).toBe(
        'IMPLICIT_DENY',
      );
      expect((await check(DEPLOYER, 'lambda:UpdateFunctionCode', '*')).decision).toBe(
        'IMPLICIT_DENY',
      );
    });

    it('lets the account root do everything in its account, and nothing in another', async () => {
      expect(
        await check(ROOT, 'iam:DeleteUser', arn('user', 'alice'), { explain: true }),
      ).toMatchObject({
        decision: 'ALLOW',
        matched_statements: [expect.objectContaining({ policy_id: 'aws:root-user' })],
      });
      expect(
        (await check(ROOT, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:999988887777:q')).decision,
      ).toBe('IMPLICIT_DENY');
    });

    it('takes a resource policy with the request', async () => {
      const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;
      const reply = await check(ALICE, 'sqs:SendMessage', queue, {
        resource_policy: doc({
          Effect: 'Allow',
          Principal: { AWS: ALICE },
          Action: 'sqs:SendMessage',
          Resource: queue,
        }),
      });
      expect(reply).toMatchObject({ decision: 'ALLOW', decided_by: 'resource' });
    });

    it('refuses malformed requests with INVALID_ARGUMENT and the reason', async () => {
      const bad = async (request: object) => {
        const e = (await authz.check(request).catch((x: unknown) => x)) as {
          code: number;
          details: string;
        };
        expect(e.code).toBe(3);
        return e.details;
      };
      const base = { principal_arn: ALICE, action: 's3:GetObject', resource: '*' };
      expect(await bad({ ...base, principal_arn: 'alice' })).toMatch(
        /principal_arn "alice" is not a principal ARN/,
      );
      expect(await bad({ ...base, principal_arn: arn('group', 'analysts') })).toMatch(/is a group/);
      expect(await bad({ ...base, action: 's3:Get*' })).toMatch(
        /action "s3:Get\*" is not an action/,
      );
      expect(await bad({ ...base, resource: 'bucket' })).toMatch(
        /resource "bucket" is not a resource/,
      );
      expect(await bad({ ...base, resource_policy: '{' })).toMatch(
        /resource_policy is not a policy document/,
      );
      expect(await bad({ ...base, consistency: { at_least_as_fresh: 'soon' } })).toMatch(
        /Invalid consistency token/,
      );
    });

    it('answers NOT_FOUND for an unknown principal and DEADLINE_EXCEEDED for a token never reached', async () => {
      await expect(check(arn('user', 'nobody'), 's3:GetObject', '*')).rejects.toMatchObject({
        code: 5,
        details: expect.stringContaining(arn('user', 'nobody')),
      });
      await expect(
        authz.check(
          {
            principal_arn: ALICE,
            action: 's3:GetObject',
            resource: '*',
            consistency: { at_least_as_fresh: '0:999999999' },
          },
          300,
        ),
      ).rejects.toMatchObject({ code: 4 });
    });
  });

  describe('read-your-writes after every kind of change, without sleeps', () => {
    const reports = 'arn:aws:s3:::reports/q1.csv';

    it('a new default version of a managed policy', async () => {
      await ok('CreatePolicyVersion', {
        PolicyArn: arn('policy', 'S3Read'),
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::archive/*',
        }),
        SetAsDefault: true,
      });
      expect((await check(ALICE, 's3:GetObject', reports)).decision).toBe('IMPLICIT_DENY');
      expect((await check(ALICE, 's3:GetObject', 'arn:aws:s3:::archive/x')).decision).toBe('ALLOW');
      await ok('SetDefaultPolicyVersion', { PolicyArn: arn('policy', 'S3Read'), VersionId: 'v1' });
      expect((await check(ALICE, 's3:GetObject', reports)).decision).toBe('ALLOW');
    });

    it('a group losing and regaining a policy, and a user leaving and joining a group', async () => {
      await ok('DetachGroupPolicy', { GroupName: 'analysts', PolicyArn: arn('policy', 'S3Read') });
      expect((await check(ALICE, 's3:GetObject', reports)).decision).toBe('IMPLICIT_DENY');
      await ok('AttachGroupPolicy', { GroupName: 'analysts', PolicyArn: arn('policy', 'S3Read') });
      expect((await check(ALICE, 's3:GetObject', reports)).decision).toBe('ALLOW');
      await ok('RemoveUserFromGroup', { GroupName: 'analysts', UserName: 'alice' });
      expect((await check(ALICE, 's3:GetObject', reports)).decision).toBe('IMPLICIT_DENY');
      await ok('AddUserToGroup', { GroupName: 'analysts', UserName: 'alice' });
      expect((await check(ALICE, 's3:GetObject', reports)).decision).toBe('ALLOW');
    });

    it('a boundary removed, tags changed, an inline policy deleted', async () => {
      await ok('DeleteUserPermissionsBoundary', { UserName: 'bob' });
      expect((await check(BOB, 'iam:CreateUser', arn('user', 'x'))).decision).toBe('ALLOW');
      await ok('TagUser', { UserName: 'alice', Tags: [{ Key: 'team', Value: 'red' }] });
      expect((await check(ALICE, 'dynamodb:GetItem', '*')).decision).toBe('IMPLICIT_DENY');
      await ok('DeleteUserPolicy', { UserName: 'bob', PolicyName: 'wide' });
      expect((await check(BOB, 'iam:CreateUser', arn('user', 'x'))).decision).toBe('IMPLICIT_DENY');
    });

    it('a renamed group: its members keep its policies', async () => {
      await ok('UpdateGroup', { GroupName: 'analysts', NewGroupName: 'readers' });
      expect((await check(ALICE, 's3:GetObject', reports)).decision).toBe('ALLOW');
      const effective = await authz.getEffectivePermissions({
        principal_arn: ALICE,
        consistency: fresh(),
      });
      expect(effective.group_arns).toEqual([arn('group', 'readers')]);
    });

    it('a deleted user is NOT_FOUND at the token of its deletion, and fully_consistent sees the end of the log', async () => {
      await ok('CreateUser', { UserName: 'temp' });
      expect((await check(arn('user', 'temp'), 's3:GetObject', '*')).decision).toBe(
        'IMPLICIT_DENY',
      );
      await ok('DeleteUser', { UserName: 'temp' });
      await expect(check(arn('user', 'temp'), 's3:GetObject', '*')).rejects.toMatchObject({
        code: 5,
      });
      await ok('CreateUser', { UserName: 'temp' });
      const reply = await authz.check({
        principal_arn: arn('user', 'temp'),
        action: 's3:GetObject',
        resource: '*',
        consistency: { fully_consistent: true },
      });
      expect(reply.decision).toBe('IMPLICIT_DENY');
      const [p, o] = token.split(':');
      expect(
        new Map(reply.evaluated_at.split(',').map((x) => x.split(':') as [string, string])).get(p),
      ).toBe(o);
    });
  });

  describe('BatchCheck', () => {
    it('answers many checks at one consistency, with an error per check that cannot be answered', async () => {
      const reply = await authz.batchCheck({
        consistency: fresh(),
        checks: [
          { principal_arn: ALICE, action: 's3:GetObject', resource: 'arn:aws:s3:::reports/a' },
          {
            principal_arn: ALICE,
            action: 's3:GetObject',
            resource: 'arn:aws:s3:::reports/payroll/a',
            explain: true,
          },
          { principal_arn: arn('user', 'nobody'), action: 's3:GetObject', resource: '*' },
          { principal_arn: ALICE, action: 'nope', resource: '*' },
          { principal_arn: ROOT, action: 's3:GetObject', resource: '*' },
        ],
      });
      expect(
        reply.results.map((r) => (r.outcome === 'response' ? r.response.decision : r.error.code)),
      ).toEqual(['ALLOW', 'EXPLICIT_DENY', 5, 3, 'ALLOW']);
      const second = reply.results[1] as { response: CheckReply };
      expect(second.response.matched_statements.length).toBeGreaterThan(0);
      expect(reply.evaluated_at).toMatch(/^\d+:\d+/);
    });

    it('refuses a check with a consistency of its own, and an empty batch answers nothing', async () => {
      await expect(
        authz.batchCheck({
          checks: [
            {
              principal_arn: ALICE,
              action: 's3:GetObject',
              resource: '*',
              consistency: { fully_consistent: true },
            },
          ],
        }),
      ).rejects.toMatchObject({
        code: 3,
        details: expect.stringContaining('checks[0].consistency'),
      });
      expect((await authz.batchCheck({ checks: [] })).results).toEqual([]);
    });
  });

  describe('SimulatePrincipalPolicy', () => {
    it('simulates a user’s stored policies against actions × resources, with extra and replacement documents', async () => {
      const reply = await authz.simulatePrincipalPolicy({
        policy_source_arn: ALICE,
        action_names: ['s3:GetObject', 'sns:Publish'],
        resource_arns: ['arn:aws:s3:::reports/x', 'arn:aws:s3:::other/x'],
        policy_input_list: [doc({ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' })],
        consistency: fresh(),
      });
      expect(
        reply.evaluation_results.map((r) => [
          r.eval_action_name,
          r.eval_resource_name,
          r.eval_decision,
        ]),
      ).toEqual([
        ['s3:GetObject', 'arn:aws:s3:::reports/x', 'ALLOW'],
        ['s3:GetObject', 'arn:aws:s3:::other/x', 'IMPLICIT_DENY'],
        ['sns:Publish', 'arn:aws:s3:::reports/x', 'ALLOW'],
        ['sns:Publish', 'arn:aws:s3:::other/x', 'ALLOW'],
      ]);
      expect(reply.evaluation_results[2].matched_statements[0]).toMatchObject({
        policy_id: 'PolicyInputList.1',
      });

      const bounded = await authz.simulatePrincipalPolicy({
        policy_source_arn: ALICE,
        action_names: ['s3:GetObject'],
        resource_arns: ['arn:aws:s3:::reports/x'],
        permissions_boundary_policy_input_list: [
          doc({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }),
        ],
      });
      expect(bounded.evaluation_results[0]).toMatchObject({
        eval_decision: 'IMPLICIT_DENY',
        decided_by: 'boundary',
        allowed_by_permissions_boundary: false,
      });
    });

    it('simulates a group, and context entries override what the source would set', async () => {
      const reply = await authz.simulatePrincipalPolicy({
        policy_source_arn: arn('group', 'readers'),
        action_names: ['s3:GetObject'],
        resource_arns: ['arn:aws:s3:::reports/x'],
      });
      expect(reply.evaluation_results[0].eval_decision).toBe('ALLOW');
      const asBob = await authz.simulatePrincipalPolicy({
        policy_source_arn: ALICE,
        action_names: ['s3:PutObject'],
        resource_arns: ['arn:aws:s3:::home/bob/x'],
        context_entries: [
          {
            context_key_name: 'aws:username',
            context_key_values: ['bob'],
            context_key_type: 'string',
          },
        ],
      });
      expect(asBob.evaluation_results[0].eval_decision).toBe('ALLOW');
    });

    it('refuses what it cannot simulate', async () => {
      await expect(
        authz.simulatePrincipalPolicy({
          policy_source_arn: arn('user', 'nobody'),
          action_names: ['s3:GetObject'],
        }),
      ).rejects.toMatchObject({ code: 5 });
      await expect(
        authz.simulatePrincipalPolicy({
          policy_source_arn: arn('group', 'readers'),
          action_names: ['s3:GetObject'],
          resource_policy: doc(),
        }),
      ).rejects.toMatchObject({
        code: 3,
        details: expect.stringContaining('caller_arn is required'),
      });
      await expect(
        authz.simulatePrincipalPolicy({ policy_source_arn: ALICE, action_names: [] }),
      ).rejects.toMatchObject({ code: 3 });
    });
  });

  describe('SimulateCustomPolicy', () => {
    it('evaluates the documents given, with typed context entries, a boundary and a resource policy', async () => {
      const reply = await authz.simulateCustomPolicy({
        policy_input_list: [
          doc({
            Effect: 'Allow',
            Action: 's3:*',
            Resource: '*',
            Condition: {
              NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
              Bool: { 'aws:SecureTransport': 'true' },
            },
          }),
        ],
        permissions_boundary_policy_input_list: [
          doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
        ],
        action_names: ['s3:GetObject', 's3:PutObject'],
        resource_arns: ['arn:aws:s3:::b/k'],
        context_entries: [
          {
            context_key_name: 'aws:MultiFactorAuthAge',
            context_key_values: ['300'],
            context_key_type: 'numeric',
          },
          {
            context_key_name: 'aws:SecureTransport',
            context_key_values: ['true'],
            context_key_type: 'boolean',
          },
        ],
      });
      expect(
        reply.evaluation_results.map((r) => [
          r.eval_action_name,
          r.eval_decision,
          r.allowed_by_permissions_boundary,
        ]),
      ).toEqual([
        ['s3:GetObject', 'ALLOW', true],
        ['s3:PutObject', 'IMPLICIT_DENY', false],
      ]);
      expect(reply.evaluated_at).toBe('');

      const viaResource = await authz.simulateCustomPolicy({
        policy_input_list: [],
        resource_policy: doc({
          Effect: 'Allow',
          Principal: { AWS: ALICE },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
        }),
        caller_arn: ALICE,
        action_names: ['s3:GetObject'],
        resource_arns: ['arn:aws:s3:::b/k'],
      });
      expect(viaResource.evaluation_results[0]).toMatchObject({
        eval_decision: 'ALLOW',
        matched_statements: [
          expect.objectContaining({ policy_id: 'ResourcePolicy', gate: 'resource' }),
        ],
      });
    });

    it('refuses malformed documents, two boundaries, mistyped context values', async () => {
      const base = { action_names: ['s3:GetObject'] };
      await expect(
        authz.simulateCustomPolicy({ ...base, policy_input_list: ['{'] }),
      ).rejects.toMatchObject({
        code: 3,
        details: expect.stringContaining('policy_input_list[0] is not a policy document'),
      });
      await expect(
        authz.simulateCustomPolicy({
          ...base,
          permissions_boundary_policy_input_list: [doc(), doc()],
        }),
      ).rejects.toMatchObject({
        code: 3,
        details: expect.stringContaining('at most one permissions boundary'),
      });
      await expect(
        authz.simulateCustomPolicy({
          ...base,
          context_entries: [
            {
              context_key_name: 'aws:SourceIp',
              context_key_values: ['not-an-ip'],
              context_key_type: 'ip',
            },
          ],
        }),
      ).rejects.toMatchObject({
        code: 3,
        details: expect.stringContaining('not an IPv4 or IPv6 address'),
      });
      await expect(
        authz.simulateCustomPolicy({ ...base, resource_policy: doc() }),
      ).rejects.toMatchObject({ code: 3 });
    });
  });

  describe('GetEffectivePermissions', () => {
    it('lists the policy set a check evaluates, with sources and versions', async () => {
      await ok('PutUserPermissionsBoundary', {
        UserName: 'alice',
        PermissionsBoundary: arn('policy', 'Boundary'),
      });
      const reply = await authz.getEffectivePermissions({
        principal_arn: ALICE,
        consistency: fresh(),
      });
      const group = `group:${arn('group', 'readers')}`;
      expect(reply).toMatchObject({
        principal_arn: ALICE,
        principal_type: 'user',
        account_root: false,
      });
      expect(reply.policies.map((p) => [p.id, p.source, p.version])).toEqual([
        [`${ALICE}#inline/own`, 'own', ''],
        [`${arn('group', 'readers')}#inline/no-payroll`, group, ''],
        [SQS_READ, group, expect.stringMatching(/^v\d+$/)],
        [arn('policy', 'S3Read'), group, 'v1'],
        [arn('policy', 'Boundary'), 'boundary', 'v1'],
      ]);
      expect(JSON.parse(reply.policies[3].document).Statement[0].Sid).toBe('Reports');
      await ok('DeleteUserPermissionsBoundary', { UserName: 'alice' });
    });

    it('answers a role session with its role, the root with account_root, an unknown principal NOT_FOUND', async () => {
      const session = await authz.getEffectivePermissions({
        principal_arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/s1`,
      });
      expect(session).toMatchObject({ principal_arn: DEPLOYER, principal_type: 'role' });
      expect(await authz.getEffectivePermissions({ principal_arn: ROOT })).toMatchObject({
        principal_type: 'root',
        account_root: true,
        policies: [],
      });
      await expect(
        authz.getEffectivePermissions({ principal_arn: arn('role', 'Nope') }),
      ).rejects.toMatchObject({ code: 5 });
    });
  });

  it('answers only authenticated callers, about their own account', async () => {
    const request = { principal_arn: ALICE, action: 's3:GetObject', resource: '*' };
    await expect(h.authz.withToken(undefined).check(request)).rejects.toMatchObject({
      code: 16,
      details: expect.stringMatching(/^missing bearer token/),
    });
    const stranger = h.authz.withToken(sessionTokenOf('arn:aws:iam::999988887777:root'));
    await expect(stranger.check(request)).rejects.toMatchObject({
      code: 7,
      details: expect.stringContaining('because it is a principal of another account'),
    });
    // An IAM user of the account without portcullis:Check may not ask either.
    const asAlice = h.authz.withToken(sessionTokenOf(ALICE));
    await expect(asAlice.check({ ...request, principal_arn: BOB })).rejects.toMatchObject({
      code: 7,
      details: `User: ${ALICE} is not authorized to perform: portcullis:Check on resource: ${BOB} because no identity-based policy allows the portcullis:Check action`,
    });
  });

  it('serves gRPC health checking and server reflection on the same port', async () => {
    expect(await grpcHealthStatus(address)).toBe('SERVING');
    expect(await grpcHealthStatus(address, 'portcullis.authz.v1.AuthorizationService')).toBe(
      'SERVING',
    );
    expect(await reflectedServices(address)).toEqual(
      expect.arrayContaining(['portcullis.authz.v1.AuthorizationService', 'grpc.health.v1.Health']),
    );
  });

  it('portcullis check and simulate talk to it', async () => {
    let io = captureIo();
    expect(
      await runCli(
        [
          'check',
          ALICE,
          's3:GetObject',
          'arn:aws:s3:::reports/q1.csv',
          '--endpoint',
          address,
          '--session-token',
          rootToken,
          '--consistency',
          token,
          '--explain',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.stdout[0]).toBe('ALLOW (decided by identity)');
    io = captureIo();
    expect(
      await runCli(
        [
          'simulate',
          '--endpoint',
          address,
          '--session-token',
          rootToken,
          '--principal',
          ALICE,
          '--action',
          's3:GetObject',
          '--action',
          'iam:CreateUser',
          '--resource',
          'arn:aws:s3:::reports/q1.csv',
        ],
        io,
      ),
    ).toBe(1);
    expect(io.stdout.filter((l) => !l.startsWith(' ')).map((l) => l.split('  ')[0])).toEqual([
      'ALLOW',
      'IMPLICIT_DENY',
    ]);
  });

  it('gives the policy corpus the same decisions as the library (set up through commands, asked through Check)', async () => {
    const outcomes = await runCorpus(loadCorpus(), h.httpUrl, h.authz, {
      concurrency: 8,
      rootCredentialsFor: (account) => rootOf(account),
      sessionTokenFor: (principal, session) =>
        mintCredentials(keys, principal, { extra: session }).sessionToken,
    });
    const s = summarize(outcomes);
    const skipped = [...s.skipped].map(([why, ids]) => `${ids.length} ${why}`).join('; ');
    process.stdout.write(
      `[corpus] ${s.total} cases: ${s.ran} through Check, ${s.disagreeWithLibrary.length} disagree with the library, ` +
        `${s.contextDiffers.length} where the principal's own context keys change the case; skipped: ${skipped}\n`,
    );
    if (process.env.CORPUS_VERBOSE) {
      for (const o of outcomes.filter((x) => x.skipped && !/session|SCP/.test(x.skipped))) {
        process.stdout.write(`  skipped ${o.id}: ${o.skipped}\n`);
      }
      for (const o of s.contextDiffers)
        process.stdout.write(`  context differs ${o.id}: ${JSON.stringify(o)}\n`);
    }
    expect(s.errors).toEqual([]);
    expect(s.disagreeWithLibrary).toEqual([]);
    expect(s.disagreeWithExpect).toEqual([]);
    expect(s.ran).toBeGreaterThan(600);
  }, 120_000);
});
