import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { AUTHZ_PROTO_LOADER_OPTIONS, authorizationProtoPath } from '@portcullis/contracts';
import {
  connectBackends,
  loadConfig,
  PlatformModule,
  startService,
  type Backends,
} from '@portcullis/platform';
import type { ReadModelStore } from '@portcullis/read-models';
import {
  AuthzClient,
  grpcHealthStatus,
  reflectedServices,
} from '../../../../test/support/authz-client';
import { freePort } from '../../../../test/support/free-port';
import { mintCredentials } from '../../../../test/support/test-credentials';
import { grpcOptions } from '../grpc-options';
import { QueryServiceModule } from '../query-service.module';
import { ACCOUNT, allow, arn, doc, role, user } from '../testing/fake-read-model-store';
import { UNAUTHENTICATED_MESSAGES } from './bearer-authenticator';

@Module({})
class QueryApp {
  static register(b: Backends): DynamicModule {
    return { module: QueryApp, imports: [PlatformModule.forRoot(b), QueryServiceModule] };
  }
}

const OTHER = '999988887777';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ALICE = arn('user', 'alice');
const GHOST = arn('user', 'ghost');
const otherArn = (name: string) => `arn:aws:iam::${OTHER}:user/${name}`;
const UNAUTHENTICATED = grpc.status.UNAUTHENTICATED;
const PERMISSION_DENIED = grpc.status.PERMISSION_DENIED;

type Failure = { code: number; details: string };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => ({ code: 0, details: 'answered' }),
    (e: Failure) => ({ code: e.code, details: e.details }),
  );

/**
 * Authentication and authorization through the real gRPC server: the query service alone on
 * the embedded backends, its read models written directly, its callers holding session tokens
 * minted with its key ring.
 */
describe('query service: callers authenticate with a session token and ask about their account', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-query-auth-'));
  const env: NodeJS.ProcessEnv = {
    IAM_DATA_DIR: dir,
    IAM_LOG_LEVEL: 'silent',
    IAM_KEY_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  };
  const token = (principal: string, options: Parameters<typeof mintCredentials>[2] = {}) =>
    mintCredentials(env, principal, options).sessionToken;
  let app: INestApplication;
  let address: string;
  let anonymous: AuthzClient;
  let root: AuthzClient;
  let otherRoot: AuthzClient;

  beforeAll(async () => {
    const config = loadConfig({
      ...env,
      IAM_HTTP_PORT: String(await freePort()),
      IAM_GRPC_PORT: String(await freePort()),
    });
    const backends = await connectBackends(config);
    app = await startService(
      {
        name: 'query-service',
        module: (b) => QueryApp.register(b),
        grpc: (c) => grpcOptions(c.grpcPort),
      },
      config,
      backends,
    );
    const store = backends.readModels as ReadModelStore;
    await store.putPrincipal(user('alice'));
    await store.putPrincipal(
      user('checker', {
        inlinePolicies: [
          { name: 'pep', document: allow('portcullis:Check', `arn:aws:iam::${ACCOUNT}:user/*`) },
        ],
      }),
    );
    await store.putPrincipal(user('nobody-allowed'));
    await store.putPrincipal(
      role('Auditor', { inlinePolicies: [{ name: 'all', document: allow('portcullis:*') }] }),
    );
    await store.putPrincipal(
      user('carol', {
        _id: otherArn('carol'),
        accountId: OTHER,
        principalId: 'AIDACAROLXXXXXXXXXXX',
      }),
    );
    address = `127.0.0.1:${config.grpcPort}`;
    anonymous = new AuthzClient(address);
    root = anonymous.withToken(token(ROOT));
    otherRoot = anonymous.withToken(token(`arn:aws:iam::${OTHER}:root`));
  });
  afterAll(async () => {
    anonymous?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const checkOf = (principal: string) => ({
    principal_arn: principal,
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::reports/q1.csv',
  });

  it('refuses every AuthorizationService method without a bearer token, whatever the request', async () => {
    const definition = protoLoader.loadSync(authorizationProtoPath(), AUTHZ_PROTO_LOADER_OPTIONS);
    const Service = (
      grpc.loadPackageDefinition(definition) as unknown as {
        portcullis: { authz: { v1: { AuthorizationService: grpc.ServiceClientConstructor } } };
      }
    ).portcullis.authz.v1.AuthorizationService;
    const methods = Object.keys(Service.service);
    expect(methods).toEqual(
      expect.arrayContaining([
        'Check',
        'BatchCheck',
        'SimulatePrincipalPolicy',
        'SimulateCustomPolicy',
        'GetEffectivePermissions',
      ]),
    );
    const client = new Service(address, grpc.credentials.createInsecure()) as unknown as Record<
      string,
      (req: object, md: grpc.Metadata, cb: (e: grpc.ServiceError | null) => void) => void
    > &
      grpc.Client;
    try {
      for (const method of methods) {
        const e = await new Promise<grpc.ServiceError | null>((resolve) =>
          client[method]({}, new grpc.Metadata(), resolve),
        );
        expect({ method, code: e?.code, details: e?.details }).toEqual({
          method,
          code: UNAUTHENTICATED,
          details: UNAUTHENTICATED_MESSAGES.missing,
        });
      }
    } finally {
      client.close();
    }
  });

  it('refuses malformed, forged, foreign, expired tokens and access keys with UNAUTHENTICATED', async () => {
    const other = { IAM_KEY_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` };
    const expired = token(ROOT, { now: Date.now() - 7_200_000, durationSeconds: 900 });
    const genuine = token(ROOT);
    const tampered =
      genuine.slice(0, -6) + (genuine.at(-6) === 'A' ? 'B' : 'A') + genuine.slice(-5);
    const invalid = 'The security token included in the request is invalid.';
    const cases: [string, string, string][] = [
      ['basic', `Basic ${genuine}`, UNAUTHENTICATED_MESSAGES.malformed],
      ['scheme only', 'Bearer', UNAUTHENTICATED_MESSAGES.malformed],
      ['forged (another key ring)', `Bearer ${mintCredentials(other, ROOT).sessionToken}`, invalid],
      ['tampered', `Bearer ${tampered}`, invalid],
      ['expired', `Bearer ${expired}`, 'The security token included in the request is expired'],
      ['access key', 'Bearer AKIAIOSFODNN7EXAMPLE', UNAUTHENTICATED_MESSAGES.accessKey],
    ];
    for (const [name, authorization, message] of cases) {
      const client = anonymous.withOptions({ authorization });
      expect({ name, ...(await failure(client.check(checkOf(ALICE)))) }).toEqual({
        name,
        code: UNAUTHENTICATED,
        details: message,
      });
    }
  });

  it('keeps gRPC health checking and server reflection open', async () => {
    expect(await grpcHealthStatus(address)).toBe('SERVING');
    expect(await grpcHealthStatus(address, 'portcullis.authz.v1.AuthorizationService')).toBe(
      'SERVING',
    );
    expect(await reflectedServices(address)).toEqual(
      expect.arrayContaining(['portcullis.authz.v1.AuthorizationService', 'grpc.health.v1.Health']),
    );
  });

  it('lets an account root ask about its account (NOT_FOUND there is its to know)', async () => {
    expect((await root.check(checkOf(ALICE))).decision).toBe('IMPLICIT_DENY');
    expect((await root.check(checkOf(ROOT))).decision).toBe('ALLOW');
    expect(await failure(root.check(checkOf(GHOST)))).toMatchObject({ code: 5 });
    expect(await root.getEffectivePermissions({ principal_arn: ALICE })).toMatchObject({
      principal_arn: ALICE,
    });
    expect((await otherRoot.check(checkOf(otherArn('carol')))).decision).toBe('IMPLICIT_DENY');
  });

  it('denies another account’s principals alike, whether they exist or not', async () => {
    const existing = await failure(root.check(checkOf(otherArn('carol'))));
    const missing = await failure(root.check(checkOf(otherArn('nobody'))));
    expect(existing).toEqual({
      code: PERMISSION_DENIED,
      details: `User: ${ROOT} is not authorized to perform: portcullis:Check on resource: ${otherArn('carol')} because it is a principal of another account`,
    });
    expect(missing).toEqual({
      code: PERMISSION_DENIED,
      details: existing.details.replace(otherArn('carol'), otherArn('nobody')),
    });
    const denials = await Promise.all([
      failure(otherRoot.getEffectivePermissions({ principal_arn: ALICE })),
      failure(
        otherRoot.simulatePrincipalPolicy({
          policy_source_arn: arn('group', 'dev'),
          action_names: ['s3:GetObject'],
        }),
      ),
      failure(otherRoot.getEffectivePermissions({ principal_arn: GHOST })),
    ]);
    expect(denials.map((d) => d.code)).toEqual([
      PERMISSION_DENIED,
      PERMISSION_DENIED,
      PERMISSION_DENIED,
    ]);
  });

  it('lets an IAM user ask what portcullis:Check is allowed on, and nothing else', async () => {
    const checker = anonymous.withToken(token(arn('user', 'checker')));
    expect((await checker.check(checkOf(ALICE))).decision).toBe('IMPLICIT_DENY');
    expect(await failure(checker.check(checkOf(GHOST)))).toMatchObject({ code: 5 });
    expect(await failure(checker.check(checkOf(arn('role', 'Auditor'))))).toEqual({
      code: PERMISSION_DENIED,
      details: `User: ${arn('user', 'checker')} is not authorized to perform: portcullis:Check on resource: ${arn('role', 'Auditor')} because no identity-based policy allows the portcullis:Check action`,
    });
    const simulated = await checker.simulatePrincipalPolicy({
      policy_source_arn: ALICE,
      action_names: ['s3:GetObject'],
    });
    expect(simulated.evaluation_results).toHaveLength(1);
    expect(await failure(checker.getEffectivePermissions({ principal_arn: ALICE }))).toEqual({
      code: PERMISSION_DENIED,
      details: expect.stringMatching(
        /not authorized to perform: portcullis:GetEffectivePermissions on resource: .*user\/alice/,
      ),
    });

    const nobody = anonymous.withToken(token(arn('user', 'nobody-allowed')));
    const existing = await failure(nobody.check(checkOf(ALICE)));
    const missing = await failure(nobody.check(checkOf(GHOST)));
    expect(existing.code).toBe(PERMISSION_DENIED);
    expect(missing).toEqual({ ...existing, details: existing.details.replace(ALICE, GHOST) });
  });

  it('holds a role session to its session policy', async () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Auditor/audit-1`;
    const full = anonymous.withToken(token(session));
    expect((await full.check(checkOf(ALICE))).decision).toBe('IMPLICIT_DENY');
    const narrowed = anonymous.withToken(
      token(session, { extra: { sessionPolicy: allow('s3:GetObject') } }),
    );
    expect(await failure(narrowed.check(checkOf(ALICE)))).toEqual({
      code: PERMISSION_DENIED,
      details: `User: ${session} is not authorized to perform: portcullis:Check on resource: ${ALICE} because no session policy allows the portcullis:Check action`,
    });
  });

  it('checks a role session with its own session token (principal_session_token) over the wire', async () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Auditor/pep-1`;
    const ask = (over: object = {}) => ({
      principal_arn: session,
      action: 'portcullis:Check',
      resource: ALICE,
      explain: true,
      ...over,
    });
    expect((await root.check(ask())).decision).toBe('ALLOW');
    const narrowed = token(session, { extra: { sessionPolicy: allow('s3:GetObject') } });
    const reply = await root.check(ask({ principal_session_token: narrowed }));
    expect(reply).toMatchObject({ decision: 'IMPLICIT_DENY', decided_by: 'session' });
    const allowed = await root.check(
      ask({ principal_session_token: token(session, { extra: { sessionPolicy: allow('*') } }) }),
    );
    expect(allowed.matched_statements).toContainEqual(
      expect.objectContaining({ gate: 'session', policy_id: 'session-policy', effect: 'Allow' }),
    );
    expect(await failure(root.check(ask({ principal_session_token: 'pcst1.forged' })))).toEqual({
      code: grpc.status.INVALID_ARGUMENT,
      details: 'principal_session_token is not a valid session token',
    });
    const batch = await root.batchCheck({
      checks: [
        ask(),
        ask({ principal_session_token: narrowed }),
        ask({ principal_session_token: 'x' }),
      ],
    });
    expect(
      batch.results.map((r) => (r.outcome === 'response' ? r.response.decision : r.error.code)),
    ).toEqual(['ALLOW', 'IMPLICIT_DENY', grpc.status.INVALID_ARGUMENT]);
    const simulated = await root.simulatePrincipalPolicy({
      policy_source_arn: session,
      action_names: ['portcullis:Check', 's3:GetObject'],
      principal_session_token: narrowed,
    });
    // The role allows only portcullis:*, the session only s3:GetObject: neither passes both.
    expect(simulated.evaluation_results.map((r) => `${r.eval_decision}/${r.decided_by}`)).toEqual([
      'IMPLICIT_DENY/session',
      'IMPLICIT_DENY/',
    ]);
  });

  it('answers BatchCheck with PERMISSION_DENIED per check it may not ask, the others answered', async () => {
    const checker = anonymous.withToken(token(arn('user', 'checker')));
    const reply = await checker.batchCheck({
      checks: [
        checkOf(ALICE),
        checkOf(arn('role', 'Auditor')),
        checkOf(otherArn('carol')),
        checkOf(GHOST),
        { ...checkOf(ALICE), action: 'nope' },
      ],
    });
    expect(
      reply.results.map((r) => (r.outcome === 'response' ? r.response.decision : r.error.code)),
    ).toEqual(['IMPLICIT_DENY', PERMISSION_DENIED, PERMISSION_DENIED, 5, 3]);
    const rootReply = await root.batchCheck({
      checks: [checkOf(ROOT), checkOf(otherArn('carol'))],
    });
    expect(
      rootReply.results.map((r) => (r.outcome === 'response' ? r.response.decision : r.error)),
    ).toEqual([
      'ALLOW',
      {
        code: PERMISSION_DENIED,
        message: expect.stringContaining('because it is a principal of another account'),
      },
    ]);
  });

  it('lets any authenticated caller simulate custom policies (no stored state)', async () => {
    const nobody = anonymous.withToken(token(arn('user', 'nobody-allowed')));
    const reply = await nobody.simulateCustomPolicy({
      policy_input_list: [doc({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' })],
      action_names: ['sqs:SendMessage'],
    });
    expect(reply.evaluation_results[0].eval_decision).toBe('ALLOW');
    expect(
      await failure(
        anonymous.simulateCustomPolicy({
          policy_input_list: [],
          action_names: ['sqs:SendMessage'],
        }),
      ),
    ).toMatchObject({ code: UNAUTHENTICATED });
  });
});
