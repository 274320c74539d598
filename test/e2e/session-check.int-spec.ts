import { MongoClient } from 'mongodb';
import { isolatedServiceEnv, mongoUri, uniqueName } from '../setup/backends';
import type { CheckReply } from '../support/authz-client';
import { startPortcullis, type Harness } from '../support/portcullis-harness';
import { callApi, type Credentials } from '../support/test-credentials';

const ACCOUNT = '123456789012';
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const queue = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/build-7`;
const tampered = (token: string) =>
  token.slice(0, -6) + (token.at(-6) === 'A' ? 'B' : 'A') + token.slice(-5);

/**
 * A role session checked with its own session token (CheckRequest.principal_session_token) on
 * real Kafka and FerretDB/MongoDB: the all-in-one service, a role with policies and tags, a REAL
 * AssumeRole by a user with a session policy, session tags and a source identity; then Check of
 * the session ARN as an enforcement point would make it, with the SessionToken the session
 * presented to it. With the token the session policy limits the role's and the session's keys
 * apply; without it the role's policies alone decide.
 */
describe('Check of a role session with its session token, on Kafka and FerretDB/MongoDB', () => {
  const run = uniqueName('session-check');
  const database = run.replace(/-/g, '_');
  let harness: Harness;
  let consistency = '';
  let sessionToken = '';
  let builderKey: Credentials;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Body = Record<string, any>;
  async function ok(action: string, body: object, credentials?: Credentials): Promise<Body> {
    const res = credentials
      ? await callApi(harness.httpUrl, action, body, { credentials })
      : await harness.call(action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    if (typeof res.body.ConsistencyToken === 'string') consistency = res.body.ConsistencyToken;
    return res.body as Body;
  }

  /** A new access key can take the projection's lag to be usable: wait for it, bounded. */
  async function usable(key: Credentials): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const res = await callApi(harness.httpUrl, 'GetCallerIdentity', {}, { credentials: key });
      if (res.status === 200) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`key ${key.accessKeyId} never became usable`);
  }

  beforeAll(async () => {
    harness = await startPortcullis(isolatedServiceEnv(run, database), ACCOUNT);
    await ok('CreateUser', { UserName: 'builder' });
    const created = await ok('CreateAccessKey', { UserName: 'builder' });
    const key: Credentials = {
      accessKeyId: created.AccessKey.AccessKeyId,
      secretAccessKey: created.AccessKey.SecretAccessKey,
    };
    builderKey = key;
    await ok('CreateRole', {
      RoleName: 'deployer',
      Tags: [{ Key: 'team', Value: 'blue' }],
      AssumeRolePolicyDocument: doc({
        Effect: 'Allow',
        Principal: { AWS: arn('user', 'builder') },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
      }),
    });
    await ok('PutRolePolicy', {
      RoleName: 'deployer',
      PolicyName: 'work',
      PolicyDocument: doc(
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:\${aws:PrincipalTag/team}`,
        },
        {
          Effect: 'Allow',
          Action: 'iam:ListUsers',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceIdentity': 'builder' } },
        },
      ),
    });
    await usable(key);
    const assumed = await ok(
      'AssumeRole',
      {
        RoleArn: arn('role', 'deployer'),
        RoleSessionName: 'build-7',
        SourceIdentity: 'builder',
        Tags: [{ Key: 'team', Value: 'red' }],
        Policy: doc(
          { Effect: 'Allow', Action: ['s3:GetObject', 'sqs:*', 'iam:ListUsers'], Resource: '*' },
          { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secrets/*' },
        ),
      },
      key,
    );
    expect(assumed.AssumeRoleResult.AssumedRoleUser.Arn).toBe(SESSION);
    sessionToken = assumed.AssumeRoleResult.Credentials.SessionToken;
  });

  afterAll(async () => {
    await harness?.close();
    const client = await MongoClient.connect(mongoUri());
    await client.db(database).dropDatabase();
    await client.close();
  });

  const check = (action: string, resource: string, over: object = {}): Promise<CheckReply> =>
    harness.authz.check({
      principal_arn: SESSION,
      action,
      resource,
      explain: true,
      consistency: { at_least_as_fresh: consistency },
      ...over,
    });
  const outcome = (r: CheckReply) => `${r.decision}${r.decided_by ? ` by ${r.decided_by}` : ''}`;
  const withToken = () => ({ principal_session_token: sessionToken });

  it('without the token, the role’s policies (and its own tags) alone decide', async () => {
    const decisions = await Promise.all([
      check('s3:PutObject', 'arn:aws:s3:::reports/q1.csv'),
      check('s3:GetObject', 'arn:aws:s3:::secrets/key'),
      check('sqs:SendMessage', queue('blue')),
      check('sqs:SendMessage', queue('red')),
      check('iam:ListUsers', '*'),
    ]);
    expect(decisions.map(outcome)).toEqual([
      'ALLOW by identity',
      'ALLOW by identity',
      'ALLOW by identity',
      'IMPLICIT_DENY',
      'IMPLICIT_DENY',
    ]);
  });

  it('with the token, the session policy limits the role, its deny wins, and the session’s keys apply', async () => {
    const put = await check('s3:PutObject', 'arn:aws:s3:::reports/q1.csv', withToken());
    expect(outcome(put)).toBe('IMPLICIT_DENY by session');
    const get = await check('s3:GetObject', 'arn:aws:s3:::reports/q1.csv', withToken());
    expect(get.decision).toBe('ALLOW');
    expect(get.matched_statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ gate: 'session', policy_id: 'session-policy', effect: 'Allow' }),
        expect.objectContaining({
          gate: 'identity',
          policy_id: `${arn('role', 'deployer')}#inline/work`,
        }),
      ]),
    );
    const secret = await check('s3:GetObject', 'arn:aws:s3:::secrets/key', withToken());
    expect(outcome(secret)).toBe('EXPLICIT_DENY by session');
    expect(secret.matched_statements).toContainEqual(
      expect.objectContaining({ gate: 'session', policy_id: 'session-policy', effect: 'Deny' }),
    );
    // Session tag team=red over the role's team=blue; the source identity of the AssumeRole.
    expect(outcome(await check('sqs:SendMessage', queue('red'), withToken()))).toBe(
      'ALLOW by identity',
    );
    expect(outcome(await check('sqs:SendMessage', queue('blue'), withToken()))).toBe(
      'IMPLICIT_DENY',
    );
    expect(outcome(await check('iam:ListUsers', '*', withToken()))).toBe('ALLOW by identity');
  });

  it('takes the token in BatchCheck items, and refuses one that is not the principal’s', async () => {
    const item = (principal: string, action: string, token?: string) => ({
      principal_arn: principal,
      action,
      resource: 'arn:aws:s3:::reports/q1.csv',
      ...(token !== undefined ? { principal_session_token: token } : {}),
    });
    const other = `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/build-8`;
    const reply = await harness.authz.batchCheck({
      consistency: { at_least_as_fresh: consistency },
      checks: [
        item(SESSION, 's3:PutObject'),
        item(SESSION, 's3:PutObject', sessionToken),
        item(SESSION, 's3:GetObject', sessionToken),
        item(other, 's3:GetObject', sessionToken),
        item(arn('role', 'deployer'), 's3:GetObject', sessionToken),
        item(SESSION, 's3:GetObject', tampered(sessionToken)),
      ],
    });
    expect(
      reply.results.map((r) =>
        r.outcome === 'response' ? r.response.decision : `${r.error.code}: ${r.error.message}`,
      ),
    ).toEqual([
      'ALLOW',
      'IMPLICIT_DENY',
      'ALLOW',
      `3: principal_session_token is not a session token of principal_arn "${other}"`,
      `3: principal_session_token is not a session token of principal_arn "${arn('role', 'deployer')}"`,
      '3: principal_session_token is not a valid session token',
    ]);
  });

  it('finds a role with a path through the token (the session ARN has none)', async () => {
    await ok('CreateRole', {
      RoleName: 'pathed',
      Path: '/ci/',
      AssumeRolePolicyDocument: doc({
        Effect: 'Allow',
        Principal: { AWS: arn('user', 'builder') },
        Action: 'sts:AssumeRole',
      }),
    });
    await ok('PutRolePolicy', {
      RoleName: 'pathed',
      PolicyName: 's3',
      PolicyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
    });
    const assumed = await ok(
      'AssumeRole',
      {
        RoleArn: arn('role', 'ci/pathed'),
        RoleSessionName: 'p1',
        Policy: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
      },
      builderKey,
    );
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/pathed/p1`;
    expect(assumed.AssumeRoleResult.AssumedRoleUser.Arn).toBe(session);
    const token = assumed.AssumeRoleResult.Credentials.SessionToken as string;
    const checkPathed = (action: string, over: object = {}) =>
      check(action, 'arn:aws:s3:::reports/q1.csv', { principal_arn: session, ...over });
    await expect(checkPathed('s3:GetObject')).rejects.toMatchObject({ code: 5 }); // NOT_FOUND
    const withPathedToken = { principal_session_token: token };
    expect(outcome(await checkPathed('s3:GetObject', withPathedToken))).toBe('ALLOW by identity');
    expect(outcome(await checkPathed('s3:PutObject', withPathedToken))).toBe(
      'IMPLICIT_DENY by session',
    );
  });
});
