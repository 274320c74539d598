import { generateKeyEncryptionKey, SessionTokenSealer } from '@portcullis/credentials';
import { keyRingOf, mintCredentials } from '../../../../test/support/test-credentials';
import { BearerAuthenticator } from '../auth/bearer-authenticator';
import { callerOfClaims, type Caller } from '../auth/caller';
import { CallerAuthorization } from '../auth/caller-authorization';
import { BatchCheckHandler } from '../batch-check/batch-check.handler';
import { CompiledPolicies } from '../cache/compiled-policies';
import type { QueryCache } from '../cache/query-cache';
import { ReadModelCache } from '../cache/read-model.cache';
import { CheckHandler } from '../check/check.handler';
import { EffectivePolicySets } from '../effective-permissions/effective-policy-sets';
import type { GrpcCheckRequest, GrpcContextValue } from '../shared/grpc.types';
import { SimulatePrincipalPolicyHandler } from '../simulate-principal-policy/simulate-principal-policy.handler';
import {
  ACCOUNT,
  FakeReadModelStore,
  allow,
  arn,
  doc,
  policy,
  role,
  user,
} from '../testing/fake-read-model-store';
import { PrincipalSessions } from './principal-sessions';

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/build-42`;
const OTHER_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/build-43`;
const ALICE = arn('user', 'alice');
const REPORT = 'arn:aws:s3:::reports/q1.csv';
const INVALID_ARGUMENT = 3;
const UNAVAILABLE = 14;
const REVOKED_BEFORE = Date.now() - 10 * 60_000;

type MintOptions = Parameters<typeof mintCredentials>[2];

/**
 * Checks of a principal with its own session token (principal_session_token), through the
 * handlers over the in-memory read models; tokens minted with the key ring the service's bearer
 * authentication opens them with.
 */
describe('principal_session_token: a session is checked with its session policies and keys', () => {
  const env: NodeJS.ProcessEnv = {
    IAM_KEY_ENCRYPTION_KEYS: generateKeyEncryptionKey('k1').configEntry,
  };
  const token = (principal: string, options: MintOptions = {}) =>
    mintCredentials(env, principal, options).sessionToken;
  let store: FakeReadModelStore;
  let compiled: CompiledPolicies;
  let check: CheckHandler;
  let batch: BatchCheckHandler;
  let simulatePrincipal: SimulatePrincipalPolicyHandler;
  let root: Caller;

  beforeEach(async () => {
    store = new FakeReadModelStore();
    const documents = new ReadModelCache(store);
    compiled = new CompiledPolicies();
    const query = {
      documents,
      compiled,
      sets: new EffectivePolicySets(documents, compiled),
      coherence: { token: () => '0:1' },
      consistency: () => 0,
    } as unknown as QueryCache;
    const access = new CallerAuthorization(query);
    const sessions = new PrincipalSessions(
      new BearerAuthenticator(new SessionTokenSealer(keyRingOf(env))),
      query,
    );
    check = new CheckHandler(query, access, sessions);
    batch = new BatchCheckHandler(query, check, access);
    simulatePrincipal = new SimulatePrincipalPolicyHandler(query, access, sessions);
    root = callerOfClaims({
      kind: 'session',
      accountId: ACCOUNT,
      principalArn: ROOT,
      accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
      issuedAt: Date.now() - 1000,
      expiresAt: Date.now() + 3_600_000,
    })!;

    await store.putPolicy(policy('OnlyGet', [allow('s3:GetObject')]));
    await store.putPolicy(policy('S3Only', [allow('s3:*')]));
    await store.putPrincipal(
      role('Deployer', {
        tags: [{ Key: 'team', Value: 'blue' }],
        inlinePolicies: [
          { name: 's3', document: allow('s3:*') },
          {
            name: 'team-bucket',
            document: allow('sqs:SendMessage', 'arn:aws:sqs:us-east-1:*:${aws:PrincipalTag/team}'),
          },
          {
            name: 'mfa',
            document: doc(
              {
                Effect: 'Allow',
                Action: 'iam:CreateUser',
                Resource: '*',
                Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
              },
              {
                Effect: 'Allow',
                Action: 'iam:DeleteUser',
                Resource: '*',
                Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
              },
              {
                Effect: 'Allow',
                Action: 'iam:ListUsers',
                Resource: '*',
                Condition: { StringEquals: { 'aws:SourceIdentity': 'alice@example.com' } },
              },
            ),
          },
          {
            // The revocation AWS documents: deny sessions issued before an instant.
            name: 'revoke-older-sessions',
            document: doc({
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: {
                DateLessThan: { 'aws:TokenIssueTime': new Date(REVOKED_BEFORE).toISOString() },
              },
            }),
          },
        ],
      }),
    );
    await store.putPrincipal(
      role('Bounded', {
        inlinePolicies: [{ name: 'all', document: allow(['s3:*', 'ec2:*']) }],
        permissionsBoundaryArn: arn('policy', 'S3Only'),
      }),
    );
    await store.putPrincipal(
      user('alice', {
        inlinePolicies: [
          {
            name: 'mfa',
            document: doc({
              Effect: 'Allow',
              Action: 's3:*',
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            }),
          },
        ],
      }),
    );
  });

  const request = (
    principal: string,
    action: string,
    resource: string,
    over: Partial<GrpcCheckRequest> = {},
  ): GrpcCheckRequest => ({ principal_arn: principal, action, resource, explain: true, ...over });
  // async: a failure is thrown synchronously on the cached path, rejected here either way
  const decide = async (req: GrpcCheckRequest, caller: Caller = root) =>
    check.execute(req, Date.now() + 5000, caller);
  const decision = async (req: GrpcCheckRequest) => {
    const r = await decide(req);
    return `${r.decision}${r.decided_by ? ` by ${r.decided_by}` : ''}`;
  };
  const refusal = (req: GrpcCheckRequest) =>
    decide(req).then(
      (r) => `answered ${r.decision}`,
      (e: { code?: number; message: string }) => ({ code: e.code, message: e.message }),
    );
  const withSession = (options: MintOptions = {}, principal = SESSION) => ({
    principal_session_token: token(principal, options),
  });
  const bool = (value: boolean): GrpcContextValue => ({ bool_value: value, kind: 'bool_value' });

  it('without the token, a session is checked with its role’s policies alone (unchanged)', async () => {
    expect(await decision(request(SESSION, 's3:PutObject', REPORT))).toBe('ALLOW by identity');
    expect(await decision(request(SESSION, 'ec2:RunInstances', '*'))).toBe('IMPLICIT_DENY');
  });

  it('a session policy that allows less than the role: what it does not allow is denied', async () => {
    const getOnly = withSession({ extra: { sessionPolicy: allow('s3:GetObject') } });
    const get = await decide(request(SESSION, 's3:GetObject', REPORT, getOnly));
    expect(get.decision).toBe('ALLOW');
    expect(get.matched_statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ gate: 'session', policy_id: 'session-policy', effect: 'Allow' }),
        expect.objectContaining({
          gate: 'identity',
          policy_id: `${arn('role', 'Deployer')}#inline/s3`,
        }),
      ]),
    );
    expect(await decision(request(SESSION, 's3:PutObject', REPORT, getOnly))).toBe(
      'IMPLICIT_DENY by session',
    );
    // A session policy for what the role does not allow grants nothing.
    const ec2 = withSession({ extra: { sessionPolicy: allow(['ec2:*', 's3:*']) } });
    expect(await decision(request(SESSION, 'ec2:RunInstances', '*', ec2))).toBe('IMPLICIT_DENY');
    expect(await decision(request(SESSION, 's3:PutObject', REPORT, ec2))).toBe('ALLOW by identity');
    // Nor does it lift the role's permissions boundary.
    const bounded = `arn:aws:sts::${ACCOUNT}:assumed-role/Bounded/b1`;
    const boundedToken = withSession({ extra: { sessionPolicy: allow('*') } }, bounded);
    expect(await decision(request(bounded, 'ec2:RunInstances', '*', boundedToken))).toBe(
      'IMPLICIT_DENY by boundary',
    );
    expect(await decision(request(bounded, 's3:GetObject', REPORT, boundedToken))).toBe(
      'ALLOW by identity',
    );
  });

  it('an explicit Deny in the session policy wins', async () => {
    const denyDelete = withSession({
      extra: {
        sessionPolicy: doc(
          { Effect: 'Allow', Action: 's3:*', Resource: '*' },
          { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
        ),
      },
    });
    const reply = await decide(request(SESSION, 's3:DeleteObject', REPORT, denyDelete));
    expect(reply).toMatchObject({ decision: 'EXPLICIT_DENY', decided_by: 'session' });
    expect(reply.matched_statements).toContainEqual(
      expect.objectContaining({
        gate: 'session',
        policy_id: 'session-policy',
        statement_index: 1,
        sid: 'NoDelete',
        effect: 'Deny',
      }),
    );
    expect(await decision(request(SESSION, 's3:GetObject', REPORT, denyDelete))).toBe(
      'ALLOW by identity',
    );
  });

  it('takes managed session policies (named by ARN) and fails closed on one the read models lack', async () => {
    const managed = withSession({ extra: { sessionPolicyArns: [arn('policy', 'OnlyGet')] } });
    const get = await decide(request(SESSION, 's3:GetObject', REPORT, managed));
    expect(get.decision).toBe('ALLOW');
    expect(get.matched_statements).toContainEqual(
      expect.objectContaining({ gate: 'session', policy_id: arn('policy', 'OnlyGet') }),
    );
    expect(await decision(request(SESSION, 's3:PutObject', REPORT, managed))).toBe(
      'IMPLICIT_DENY by session',
    );
    // Inline and managed together: either may allow (their union limits the role).
    const both = withSession({
      extra: {
        sessionPolicy: allow('s3:PutObject'),
        sessionPolicyArns: [arn('policy', 'OnlyGet')],
      },
    });
    expect(await decision(request(SESSION, 's3:PutObject', REPORT, both))).toBe(
      'ALLOW by identity',
    );
    expect(await decision(request(SESSION, 's3:DeleteObject', REPORT, both))).toBe(
      'IMPLICIT_DENY by session',
    );
    const gone = withSession({ extra: { sessionPolicyArns: [arn('policy', 'Gone')] } });
    expect(await refusal(request(SESSION, 's3:GetObject', REPORT, gone))).toEqual({
      code: UNAVAILABLE,
      message: expect.stringContaining(`names managed session policy ${arn('policy', 'Gone')}`),
    });
  });

  it('sets aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge from the token', async () => {
    const noMfa = withSession();
    const mfaNow = withSession({ mfaAuthenticatedAt: Date.now() - 60_000 });
    // MFA verified two hours ago (e.g. a role chained from an MFA session of then).
    const mfaLongAgo = withSession({ mfaAuthenticatedAt: Date.now() - 2 * 3600_000 });
    expect(await decision(request(SESSION, 'iam:CreateUser', '*', noMfa))).toBe('IMPLICIT_DENY');
    expect(await decision(request(SESSION, 'iam:CreateUser', '*', mfaNow))).toBe(
      'ALLOW by identity',
    );
    expect(await decision(request(SESSION, 'iam:DeleteUser', '*', mfaNow))).toBe(
      'ALLOW by identity',
    );
    expect(await decision(request(SESSION, 'iam:CreateUser', '*', mfaLongAgo))).toBe(
      'ALLOW by identity',
    );
    expect(await decision(request(SESSION, 'iam:DeleteUser', '*', mfaLongAgo))).toBe(
      'IMPLICIT_DENY',
    );
    // Without the token the key is absent: the condition does not hold.
    expect(await decision(request(SESSION, 'iam:CreateUser', '*'))).toBe('IMPLICIT_DENY');
    // A value the request gives for a session key wins (as for any key not of the principal).
    const claimed = { context: { 'aws:MultiFactorAuthPresent': bool(true) } };
    expect(await decision(request(SESSION, 'iam:CreateUser', '*', { ...noMfa, ...claimed }))).toBe(
      'ALLOW by identity',
    );
    const denied = { context: { 'aws:multifactorauthpresent': bool(false) } };
    expect(await decision(request(SESSION, 'iam:CreateUser', '*', { ...mfaNow, ...denied }))).toBe(
      'IMPLICIT_DENY',
    );
  });

  it('sets aws:TokenIssueTime and aws:SourceIdentity from the token', async () => {
    // The role denies sessions issued before REVOKED_BEFORE (AWS's "revoke active sessions").
    const before = withSession({ now: REVOKED_BEFORE - 20 * 60_000, durationSeconds: 3600 });
    const reply = await decide(request(SESSION, 's3:GetObject', REPORT, before));
    expect(reply).toMatchObject({ decision: 'EXPLICIT_DENY', decided_by: 'identity' });
    expect(reply.matched_statements).toContainEqual(
      expect.objectContaining({
        policy_id: `${arn('role', 'Deployer')}#inline/revoke-older-sessions`,
        effect: 'Deny',
      }),
    );
    expect(await decision(request(SESSION, 's3:GetObject', REPORT, withSession()))).toBe(
      'ALLOW by identity',
    );
    const sourced = withSession({ extra: { sourceIdentity: 'alice@example.com' } });
    expect(await decision(request(SESSION, 'iam:ListUsers', '*', sourced))).toBe(
      'ALLOW by identity',
    );
    expect(await decision(request(SESSION, 'iam:ListUsers', '*', withSession()))).toBe(
      'IMPLICIT_DENY',
    );
  });

  it('sets aws:PrincipalTag/<key> from the session tags, over the role’s tag of that key', async () => {
    const queue = (team: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${team}`;
    expect(await decision(request(SESSION, 'sqs:SendMessage', queue('blue')))).toBe(
      'ALLOW by identity',
    );
    const red = withSession({ extra: { sessionTags: { team: 'red' } } });
    expect(await decision(request(SESSION, 'sqs:SendMessage', queue('red'), red))).toBe(
      'ALLOW by identity',
    );
    expect(await decision(request(SESSION, 'sqs:SendMessage', queue('blue'), red))).toBe(
      'IMPLICIT_DENY',
    );
    // A principal key: the request cannot claim another value.
    const claimed = {
      ...red,
      context: { 'aws:PrincipalTag/team': { string_value: 'blue', kind: 'string_value' as const } },
    };
    expect(await decision(request(SESSION, 'sqs:SendMessage', queue('blue'), claimed))).toBe(
      'IMPLICIT_DENY',
    );
  });

  it('takes a GetSessionToken token of a user or root: its keys apply', async () => {
    expect(await decision(request(ALICE, 's3:GetObject', REPORT))).toBe('IMPLICIT_DENY');
    const mfa = { principal_session_token: token(ALICE, { mfaAuthenticatedAt: Date.now() }) };
    expect(await decision(request(ALICE, 's3:GetObject', REPORT, mfa))).toBe('ALLOW by identity');
    const rootToken = { principal_session_token: token(ROOT) };
    expect(await decision(request(ROOT, 's3:GetObject', REPORT, rootToken))).toBe(
      'ALLOW by identity',
    );
  });

  it('finds a role with a path through the token (a session ARN has no path)', async () => {
    await store.putPrincipal(
      role('Pathed', {
        _id: `arn:aws:iam::${ACCOUNT}:role/ci/Pathed`,
        path: '/ci/',
        inlinePolicies: [{ name: 's3', document: allow('s3:*') }],
      }),
    );
    const pathed = `arn:aws:sts::${ACCOUNT}:assumed-role/Pathed/p1`;
    expect(await refusal(request(pathed, 's3:GetObject', REPORT))).toMatchObject({ code: 5 });
    const withRole = {
      principal_session_token: token(pathed, {
        extra: {
          principalArn: `arn:aws:iam::${ACCOUNT}:role/ci/Pathed`,
          sessionPolicy: allow('s3:GetObject'),
        },
      }),
    };
    expect(await decision(request(pathed, 's3:GetObject', REPORT, withRole))).toBe(
      'ALLOW by identity',
    );
    expect(await decision(request(pathed, 's3:PutObject', REPORT, withRole))).toBe(
      'IMPLICIT_DENY by session',
    );
  });

  it('refuses, INVALID_ARGUMENT, a token of another principal', async () => {
    const notThe = (principal: string) => ({
      code: INVALID_ARGUMENT,
      message: `principal_session_token is not a session token of principal_arn "${principal}"`,
    });
    const sessionToken = withSession();
    expect(await refusal(request(OTHER_SESSION, 's3:GetObject', REPORT, sessionToken))).toEqual(
      notThe(OTHER_SESSION),
    );
    // The role itself is not its session.
    const roleArn = arn('role', 'Deployer');
    expect(await refusal(request(roleArn, 's3:GetObject', REPORT, sessionToken))).toEqual(
      notThe(roleArn),
    );
    expect(
      await refusal(request(ALICE, 's3:GetObject', REPORT, withSession({}, arn('user', 'bob')))),
    ).toEqual(notThe(ALICE));
    expect(await refusal(request(ROOT, 's3:GetObject', REPORT, withSession({}, ALICE)))).toEqual(
      notThe(ROOT),
    );
  });

  it('refuses, INVALID_ARGUMENT, a forged, tampered, garbled or expired token, saying no more', async () => {
    const invalid = {
      code: INVALID_ARGUMENT,
      message: 'principal_session_token is not a valid session token',
    };
    const otherRing = { IAM_KEY_ENCRYPTION_KEYS: generateKeyEncryptionKey('k1').configEntry };
    const genuine = token(SESSION);
    const tampered =
      genuine.slice(0, -6) + (genuine.at(-6) === 'A' ? 'B' : 'A') + genuine.slice(-5);
    for (const bad of [
      mintCredentials(otherRing, SESSION).sessionToken,
      tampered,
      'not-a-token',
      'AKIAIOSFODNN7EXAMPLE',
      `pcst1.${'x'.repeat(20_000)}`,
    ]) {
      expect(
        await refusal(request(SESSION, 's3:GetObject', REPORT, { principal_session_token: bad })),
      ).toEqual(invalid);
    }
    const expired = withSession({ now: Date.now() - 7_200_000, durationSeconds: 900 });
    expect(await refusal(request(SESSION, 's3:GetObject', REPORT, expired))).toEqual({
      code: INVALID_ARGUMENT,
      message: 'principal_session_token is expired',
    });
  });

  it('decides whether the caller may ask before opening the token', async () => {
    const otherRoot = callerOfClaims({
      ...root.claims,
      accountId: '999988887777',
      principalArn: 'arn:aws:iam::999988887777:root',
    })!;
    const reply = await decide(
      request(SESSION, 's3:GetObject', REPORT, { principal_session_token: 'garbage' }),
      otherRoot,
    ).catch((e: { code: number }) => e.code);
    expect(reply).toBe(7); // PERMISSION_DENIED, not INVALID_ARGUMENT
  });

  it('compiles a session policy once per distinct document', async () => {
    const sessionPolicy = allow('s3:GetObject');
    await decide(
      request(SESSION, 's3:GetObject', REPORT, withSession({ extra: { sessionPolicy } })),
    );
    const size = compiled.size;
    for (let i = 0; i < 3; i++) {
      const fresh = withSession({ extra: { sessionPolicy } }); // a new session, same document
      expect(await decision(request(SESSION, 's3:PutObject', REPORT, fresh))).toBe(
        'IMPLICIT_DENY by session',
      );
    }
    expect(compiled.size).toBe(size);
    await decide(
      request(
        SESSION,
        's3:GetObject',
        REPORT,
        withSession({ extra: { sessionPolicy: allow('s3:*') } }),
      ),
    );
    expect(compiled.size).toBe(size + 1);
  });

  it('BatchCheck: each check its own token (or none); a bad one gets its own error', async () => {
    const getOnly = withSession({ extra: { sessionPolicy: allow('s3:GetObject') } });
    const reply = await batch.execute(
      {
        checks: [
          request(SESSION, 's3:PutObject', REPORT),
          request(SESSION, 's3:PutObject', REPORT, getOnly),
          request(SESSION, 's3:GetObject', REPORT, getOnly),
          request(OTHER_SESSION, 's3:GetObject', REPORT, getOnly),
          request(SESSION, 's3:GetObject', REPORT, { principal_session_token: 'garbage' }),
          request(SESSION, 's3:GetObject', REPORT, {
            principal_session_token: token(SESSION, {
              extra: { sessionPolicyArns: [arn('policy', 'OnlyGet')] },
            }),
          }),
        ],
      },
      Date.now() + 5000,
      root,
    );
    expect(
      reply.results.map((r) => ('response' in r ? r.response.decision : r.error.code)),
    ).toEqual(['ALLOW', 'IMPLICIT_DENY', 'ALLOW', INVALID_ARGUMENT, INVALID_ARGUMENT, 'ALLOW']);
  });

  it('SimulatePrincipalPolicy of a session takes its token too', async () => {
    const simulate = (over: object = {}) =>
      simulatePrincipal
        .execute(
          {
            policy_source_arn: SESSION,
            action_names: ['s3:GetObject', 's3:PutObject', 'iam:CreateUser'],
            ...over,
          },
          Date.now() + 5000,
          root,
        )
        .then((r) => r.evaluation_results.map((e) => e.eval_decision));
    expect(await simulate()).toEqual(['ALLOW', 'ALLOW', 'IMPLICIT_DENY']);
    const narrowed = token(SESSION, {
      mfaAuthenticatedAt: Date.now(),
      extra: { sessionPolicy: allow(['s3:GetObject', 'iam:*']) },
    });
    expect(await simulate({ principal_session_token: narrowed })).toEqual([
      'ALLOW',
      'IMPLICIT_DENY',
      'ALLOW',
    ]);
    await expect(
      simulate({ policy_source_arn: ALICE, principal_session_token: narrowed }),
    ).rejects.toMatchObject({
      code: INVALID_ARGUMENT,
      message: `principal_session_token is not a session token of policy_source_arn "${ALICE}"`,
    });
  });
});
