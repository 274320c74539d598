import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiResponse, Harness, startPortcullis } from '../../../test/support/portcullis-harness';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const policy = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (Action: string | string[], Resource: string | string[]) =>
  policy({ Effect: 'Allow', Action, Resource });
const TRUST_EC2 = policy({
  Effect: 'Allow',
  Principal: { Service: 'ec2.amazonaws.com' },
  Action: 'sts:AssumeRole',
});

/**
 * An administrator's day over the HTTP API, on the embedded defaults: a new account, its users,
 * groups, roles and managed policies, a delegated administrator held to its policy by IAM
 * itself, AWS's errors with AWS's statuses, and the gRPC Check of what the projector knows today
 * (users' inline policies).
 */
describe('the IAM write model over HTTP (embedded defaults)', () => {
  let dir: string;
  let harness: Harness;
  let account: string;

  /** Signed as `actor` (default: the root of `account`; CreateAccount: the management root). */
  async function post(
    action: string,
    body: object,
    opts: { account?: string | null; actor?: string; key?: string } = {},
  ): Promise<ApiResponse> {
    const acct = opts.account === undefined ? account : opts.account;
    const creating = action === 'CreateAccount';
    return harness.call(action, creating && acct ? { ...body, AccountId: acct } : body, {
      actor: opts.actor ?? (creating || !acct ? undefined : `arn:aws:iam::${acct}:root`),
      commandId: opts.key,
    });
  }

  /** The request must succeed: its body, for the next step. */
  async function ok(action: string, body: object, opts?: Parameters<typeof post>[2]) {
    const res = await post(action, body, opts);
    if (res.status !== 200) {
      throw new Error(`${action} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }

  const arn = (type: string, name: string, path = '/') =>
    `arn:aws:iam::${account}:${type}${path}${name}`;
  const token = (body: Record<string, unknown>) => body.ConsistencyToken as string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-iam-'));
    harness = await startPortcullis({ IAM_DATA_DIR: dir, IAM_LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await harness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('CreateAccount by the management root: a new 12-digit account with a root key, the same one for a retry', async () => {
    const created = await post(
      'CreateAccount',
      { AccountName: 'Acme' },
      { account: null, key: 'create-acme' },
    );
    expect(created.status).toBe(200);
    const acct = created.body.Account as Record<string, string>;
    expect(acct).toEqual({
      AccountId: expect.stringMatching(/^\d{12}$/),
      AccountName: 'Acme',
      Arn: `arn:aws:iam::${acct.AccountId}:root`,
      CreateDate: expect.any(String),
    });
    expect(created.body.ConsistencyToken).toMatch(/^\d+:\d+$/);
    account = acct.AccountId;
    // The root's first access key, its secret in this reply only: it signs requests at once.
    const key = created.body.AccessKey as Record<string, string>;
    expect(key).toEqual({
      AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9/+]{40}$/),
      Status: 'Active',
      CreateDate: acct.CreateDate,
    });
    const me = await harness.call(
      'GetCallerIdentity',
      {},
      {
        credentials: { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey },
      },
    );
    expect(me.status).toBe(200);
    expect(me.body.GetCallerIdentityResult).toEqual({
      UserId: account,
      Account: account,
      Arn: `arn:aws:iam::${account}:root`,
    });

    const retry = await post(
      'CreateAccount',
      { AccountName: 'Acme' },
      { account: null, key: 'create-acme' },
    );
    expect(retry.status).toBe(200);
    expect(retry.body.Account).toEqual(acct);
    expect(retry.body.AccessKey).toEqual(key);
    expect(retry.body.ConsistencyToken).toBe(created.body.ConsistencyToken);

    const again = await post('CreateAccount', { AccountName: 'Acme again' });
    expect(again.status).toBe(409);
    expect(again.body.Error).toEqual({
      Code: 'EntityAlreadyExists',
      Message: `Account ${account} already exists.`,
    });
  });

  it('walks the day: users, groups, managed policies and versions, AWS managed policies, roles, boundaries', async () => {
    const alice = await ok('CreateUser', {
      UserName: 'alice',
      Path: '/data/',
      Tags: [
        { Key: 'team', Value: 'data' },
        { Key: 'cost-center', Value: '42' },
      ],
    });
    expect(alice.User).toEqual({
      Path: '/data/',
      UserName: 'alice',
      UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
      Arn: arn('user', 'alice', '/data/'),
      CreateDate: expect.any(String),
      Tags: [
        { Key: 'team', Value: 'data' },
        { Key: 'cost-center', Value: '42' },
      ],
    });

    const group = await ok('CreateGroup', { GroupName: 'analysts' });
    expect(group.Group).toMatchObject({
      GroupName: 'analysts',
      GroupId: expect.stringMatching(/^AGPA/),
      Arn: arn('group', 'analysts'),
    });
    expect(await ok('AddUserToGroup', { GroupName: 'analysts', UserName: 'alice' })).toMatchObject({
      ConsistencyToken: expect.stringMatching(/^\d+:\d+$/),
    });

    const created = await ok('CreatePolicy', {
      PolicyName: 'reports',
      PolicyDocument: allow('s3:GetObject', 'arn:aws:s3:::reports/*'),
      Description: 'read the reports',
    });
    expect(created.Policy).toEqual({
      PolicyName: 'reports',
      PolicyId: expect.stringMatching(/^ANPA[A-Z2-7]{17}$/),
      Arn: arn('policy', 'reports'),
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      Description: 'read the reports',
      CreateDate: expect.any(String),
      UpdateDate: expect.any(String),
    });
    const reports = arn('policy', 'reports');
    await ok('AttachGroupPolicy', { GroupName: 'analysts', PolicyArn: reports });

    const v2 = await ok('CreatePolicyVersion', {
      PolicyArn: reports,
      PolicyDocument: allow(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::reports*'),
      SetAsDefault: true,
    });
    expect(v2.PolicyVersion).toEqual({
      VersionId: 'v2',
      IsDefaultVersion: true,
      CreateDate: expect.any(String),
    });
    expect(await ok('SetDefaultPolicyVersion', { PolicyArn: reports, VersionId: 'v1' })).toEqual({
      ConsistencyToken: expect.stringMatching(/^\d+:\d+$/),
      ResponseMetadata: { RequestId: expect.any(String) },
    });

    const attached = await ok('AttachUserPolicy', { UserName: 'alice', PolicyArn: READ_ONLY });
    expect(token(attached)).toMatch(/^\d+:\d+$/);
    // Attaching it again is a success that changes nothing and appends nothing. Its token is the
    // position its decision was based on: the account's last event, the first attachment.
    const reattached = await ok('AttachUserPolicy', { UserName: 'alice', PolicyArn: READ_ONLY });
    expect(token(reattached)).toBe(token(attached));

    const role = await ok('CreateRole', {
      RoleName: 'etl',
      AssumeRolePolicyDocument: TRUST_EC2,
      Description: 'nightly loads',
      MaxSessionDuration: 7200,
    });
    expect(role.Role).toEqual({
      Path: '/',
      RoleName: 'etl',
      RoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
      Arn: arn('role', 'etl'),
      CreateDate: expect.any(String),
      AssumeRolePolicyDocument: TRUST_EC2,
      Description: 'nightly loads',
      MaxSessionDuration: 7200,
    });
    await ok('PutRolePolicy', {
      RoleName: 'etl',
      PolicyName: 'load',
      PolicyDocument: allow('s3:PutObject', 'arn:aws:s3:::warehouse/*'),
    });

    await ok('PutUserPermissionsBoundary', { UserName: 'alice', PermissionsBoundary: reports });
    const bounded = await ok('CreateUser', { UserName: 'bob', PermissionsBoundary: READ_ONLY });
    expect(bounded.User).toMatchObject({
      PermissionsBoundary: {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: READ_ONLY,
      },
    });
  });

  it('holds a delegated administrator to its policy: iam:CreateUser on user/team/* only', async () => {
    await ok('CreateUser', { UserName: 'team-admin' });
    const put = await ok('PutUserPolicy', {
      UserName: 'team-admin',
      PolicyName: 'create-team-users',
      PolicyDocument: allow('iam:CreateUser', arn('user', '*', '/team/')),
    });
    const actor = arn('user', 'team-admin');

    const inTeam = await post('CreateUser', { UserName: 'x', Path: '/team/' }, { actor });
    expect(inTeam.status).toBe(200);
    expect(inTeam.body.User).toMatchObject({ Arn: arn('user', 'x', '/team/') });

    const elsewhere = await post('CreateUser', { UserName: 'y', Path: '/other/' }, { actor });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.Error).toEqual({
      Code: 'AccessDenied',
      Message:
        `User: ${actor} is not authorized to perform: iam:CreateUser on resource: ` +
        `${arn('user', 'y', '/other/')} because no identity-based policy allows the iam:CreateUser action`,
    });
    const groupByAdmin = await post('CreateGroup', { GroupName: 'mine' }, { actor });
    expect(groupByAdmin.status).toBe(403);

    // The projection (users' inline policies) answers the same question the same way.
    const check = (resource: string) =>
      harness.authzAs(`arn:aws:iam::${account}:root`).check({
        principal_arn: actor,
        action: 'iam:CreateUser',
        resource,
        consistency: { at_least_as_fresh: token(put) },
      });
    expect((await check(arn('user', 'z', '/team/'))).decision).toBe('ALLOW');
    expect((await check(arn('user', 'y', '/other/'))).decision).toBe('IMPLICIT_DENY');
  });

  it('answers gRPC Check from a user’s inline policies, fresh as the write’s token', async () => {
    const put = await ok('PutUserPolicy', {
      UserName: 'alice',
      PolicyName: 'read-reports',
      PolicyDocument: allow('s3:GetObject', 'arn:aws:s3:::reports/*'),
    });
    const request = {
      principal_arn: arn('user', 'alice', '/data/'),
      action: 's3:GetObject',
      consistency: { at_least_as_fresh: token(put) },
    };
    expect(
      (
        await harness
          .authzAs(`arn:aws:iam::${account}:root`)
          .check({ ...request, resource: 'arn:aws:s3:::reports/q1.csv' })
      ).decision,
    ).toBe('ALLOW');
    expect(
      (
        await harness
          .authzAs(`arn:aws:iam::${account}:root`)
          .check({ ...request, resource: 'arn:aws:s3:::payroll/q1.csv' })
      ).decision,
    ).toBe('IMPLICIT_DENY');
  });

  it('DeleteUser conflicts (409) until policies are deleted and detached and groups left', async () => {
    const conflict = async (message: string) => {
      const res = await post('DeleteUser', { UserName: 'alice' });
      expect([res.status, res.body.Error]).toEqual([
        409,
        { Code: 'DeleteConflict', Message: message },
      ]);
    };
    await conflict('Cannot delete entity, must delete policies first.');
    await ok('DeleteUserPolicy', { UserName: 'alice', PolicyName: 'read-reports' });
    await conflict('Cannot delete entity, must detach all policies first.');
    await ok('DetachUserPolicy', { UserName: 'alice', PolicyArn: READ_ONLY });
    await conflict('Cannot delete entity, must remove users from group first.');
    await ok('RemoveUserFromGroup', { GroupName: 'analysts', UserName: 'alice' });
    // A permissions boundary goes with the user, as in AWS.
    expect(await ok('DeleteUser', { UserName: 'alice' })).toMatchObject({
      ConsistencyToken: expect.stringMatching(/^\d+:\d+$/),
    });
    expect((await post('DeleteUser', { UserName: 'alice' })).status).toBe(404);
  });

  it('answers AWS’s errors with AWS’s statuses', async () => {
    const cases: [string, object, number, string][] = [
      ['CreateGroup', { GroupName: 'ANALYSTS' }, 409, 'EntityAlreadyExists'],
      ['AttachUserPolicy', { UserName: 'nobody', PolicyArn: READ_ONLY }, 404, 'NoSuchEntity'],
      ['DeletePolicy', { PolicyArn: READ_ONLY }, 400, 'UnmodifiableEntity'],
      [
        'CreateRole',
        { RoleName: 'r', AssumeRolePolicyDocument: TRUST_EC2, MaxSessionDuration: 'long' },
        400,
        'ValidationError',
      ],
      ['TagUser', { UserName: 'bob', Tags: [{ Key: 'aws:x', Value: 'y' }] }, 400, 'InvalidInput'],
      [
        'PutRolePolicy',
        { RoleName: 'etl', PolicyName: 'bad', PolicyDocument: '{"Statement": []}' },
        400,
        'MalformedPolicyDocument',
      ],
      ['DeletePolicy', { PolicyArn: arn('policy', 'reports') }, 409, 'DeleteConflict'],
    ];
    for (const [action, body, status, code] of cases) {
      const res = await post(action, body);
      expect([action, res.status, (res.body.Error as { Code: string }).Code]).toEqual([
        action,
        status,
        code,
      ]);
    }

    // Five versions per policy: the sixth is LimitExceeded (409).
    const reports = arn('policy', 'reports');
    for (const n of [3, 4, 5]) {
      await ok('CreatePolicyVersion', {
        PolicyArn: reports,
        PolicyDocument: allow('s3:GetObject', `arn:aws:s3:::reports-${n}/*`),
      });
    }
    const sixth = await post('CreatePolicyVersion', {
      PolicyArn: reports,
      PolicyDocument: allow('s3:GetObject', 'arn:aws:s3:::reports-6/*'),
    });
    expect([sixth.status, (sixth.body.Error as { Code: string }).Code]).toEqual([
      409,
      'LimitExceeded',
    ]);

    // Another account's root acts in its own account only (its signature says which): the
    // role here is out of its reach.
    const foreign = await post(
      'DeleteRole',
      { RoleName: 'etl' },
      { actor: 'arn:aws:iam::123456789012:root' },
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.Error).toMatchObject({ Code: 'NoSuchEntity' });
    expect((await post('GetRole', { RoleName: 'etl' })).status).toBe(200);
  });
});
