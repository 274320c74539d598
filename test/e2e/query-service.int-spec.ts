import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { MongoClient } from 'mongodb';
import {
  Backends,
  connectBackends,
  loadConfig,
  PlatformModule,
  startService,
  type ServiceDefinition,
} from '@portcullis/platform';
import { CommandServiceModule } from '../../apps/command-service/src/command-service.module';
import { configureHttpApi } from '../../apps/command-service/src/http/configure-http-api';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { grpcOptions } from '../../apps/query-service/src/grpc-options';
import { QueryServiceModule } from '../../apps/query-service/src/query-service.module';
import { isolatedServiceEnv, mongoUri, uniqueName } from '../setup/backends';
import { AuthzClient, grpcHealthStatus, reflectedServices } from '../support/authz-client';
import { freePort } from '../support/free-port';
import { callApi, mintCredentials } from '../support/test-credentials';
import { loadCorpus, runCorpus, summarize } from './query-corpus.support';

@Module({})
class CommandApp {
  static register(b: Backends): DynamicModule {
    return { module: CommandApp, imports: [PlatformModule.forRoot(b), CommandServiceModule] };
  }
}
@Module({})
class ProjectorApp {
  static register(b: Backends): DynamicModule {
    return { module: ProjectorApp, imports: [PlatformModule.forRoot(b), ProjectorModule] };
  }
}
@Module({})
class QueryApp {
  static register(b: Backends): DynamicModule {
    return { module: QueryApp, imports: [PlatformModule.forRoot(b), QueryServiceModule] };
  }
}

const SERVICES: Record<string, ServiceDefinition> = {
  'command-service': {
    name: 'command-service',
    readModels: false,
    module: (b) => CommandApp.register(b),
    configure: configureHttpApi,
  },
  projector: { name: 'projector', module: (b) => ProjectorApp.register(b) },
  'query-service': {
    name: 'query-service',
    module: (b) => QueryApp.register(b),
    grpc: (c) => grpcOptions(c.grpcPort),
  },
};

const ACCOUNT = '123456789012';
const OTHER = '999988887777';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

/**
 * The query service on real Kafka and FerretDB/MongoDB, as the distributed deployment runs it:
 * command service, projector and query service are separate applications (each its own
 * connections, consumer groups and caches; here in one process), talking only through Kafka and
 * the read models. Writes over HTTP to the command service are read back through gRPC from the
 * query service with the reply's consistency token: read-your-writes across services, no sleeps.
 * Both sides are called as the account's root, with temporary credentials minted with the run's
 * key ring (the services' IAM_KEY_ENCRYPTION_KEYS); gRPC callers send the session token as
 * `authorization: Bearer <token>`.
 */
describe('query service on Kafka and FerretDB/MongoDB (separate services)', () => {
  const run = uniqueName('query');
  const database = run.replace(/-/g, '_');
  const env = isolatedServiceEnv(run, database);
  const apps: INestApplication[] = [];
  let httpUrl: string;
  let authz: AuthzClient;
  let second: AuthzClient;
  let token = '';
  // One set of root credentials per account: a case signs its writes and its checks with them.
  const roots = new Map<string, ReturnType<typeof mintCredentials>>();
  const rootOf = (account: string) => {
    if (!roots.has(account))
      roots.set(account, mintCredentials(env, `arn:aws:iam::${account}:root`));
    return roots.get(account)!;
  };
  const sessionTokenOf = (principal: string, options: Parameters<typeof mintCredentials>[2] = {}) =>
    mintCredentials(env, principal, options).sessionToken;
  const rootCredentials = mintCredentials(env, ROOT);

  async function start(name: string): Promise<{ http: number; grpc: number }> {
    const ports = { http: await freePort(), grpc: await freePort() };
    const config = loadConfig({
      ...env,
      IAM_HTTP_PORT: String(ports.http),
      IAM_GRPC_PORT: String(ports.grpc),
    });
    const definition = SERVICES[name];
    const backends = await connectBackends(config, { readModels: definition.readModels ?? true });
    const t0 = Date.now();
    apps.push(await startService(definition, config, backends));
    if (process.env.QUERY_SPEC_DEBUG)
      process.stdout.write(`${name} started in ${Date.now() - t0} ms\n`);
    return ports;
  }

  async function ok(action: string, body: object): Promise<Record<string, unknown>> {
    const res = await callApi(httpUrl, action, body, { credentials: rootCredentials });
    const reply = res.body;
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(reply)}`);
    if (reply.ConsistencyToken) token = reply.ConsistencyToken as string;
    return reply;
  }
  const check = (client: AuthzClient, principal: string, action: string, resource: string) =>
    client.check({
      principal_arn: principal,
      action,
      resource,
      consistency: { at_least_as_fresh: token },
    });

  beforeAll(async () => {
    const command = await start('command-service');
    httpUrl = `http://127.0.0.1:${command.http}`;
    await start('projector');
    const asRoot = { token: rootCredentials.sessionToken };
    authz = new AuthzClient(`127.0.0.1:${(await start('query-service')).grpc}`, asRoot);
    // A second query-service instance: every instance must see every partition's invalidations
    // (and open the tokens any command-service instance issued: the keys are shared).
    second = new AuthzClient(`127.0.0.1:${(await start('query-service')).grpc}`, asRoot);
  }, 120_000);
  afterAll(async () => {
    authz?.close();
    second?.close();
    for (const app of apps.reverse()) await app.close();
    const client = await MongoClient.connect(mongoUri());
    await client.db(database).dropDatabase();
    await client.close();
  });

  it('reads its writes across services: a user, a group, a managed policy and their changes', async () => {
    await ok('CreatePolicy', {
      PolicyName: 'Reports',
      PolicyDocument: doc({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::reports/*',
      }),
    });
    await ok('CreateGroup', { GroupName: 'analysts' });
    await ok('CreateUser', { UserName: 'alice' });
    await ok('AddUserToGroup', { GroupName: 'analysts', UserName: 'alice' });
    const alice = arn('user', 'alice');
    const reports = 'arn:aws:s3:::reports/q1.csv';
    for (const client of [authz, second]) {
      expect((await check(client, alice, 's3:GetObject', reports)).decision).toBe('IMPLICIT_DENY');
    }
    await ok('AttachGroupPolicy', { GroupName: 'analysts', PolicyArn: arn('policy', 'Reports') });
    for (const client of [authz, second]) {
      expect((await check(client, alice, 's3:GetObject', reports)).decision).toBe('ALLOW');
    }
    await ok('CreatePolicyVersion', {
      PolicyArn: arn('policy', 'Reports'),
      PolicyDocument: doc({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::archive/*',
      }),
      SetAsDefault: true,
    });
    for (const client of [authz, second]) {
      expect((await check(client, alice, 's3:GetObject', reports)).decision).toBe('IMPLICIT_DENY');
    }
    await ok('SetDefaultPolicyVersion', { PolicyArn: arn('policy', 'Reports'), VersionId: 'v1' });
    await ok('PutUserPermissionsBoundary', {
      UserName: 'alice',
      PermissionsBoundary: arn('policy', 'Reports'),
    });
    await ok('PutUserPolicy', {
      UserName: 'alice',
      PolicyName: 'sqs',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }),
    });
    expect(await check(authz, alice, 'sqs:SendMessage', '*')).toMatchObject({
      decision: 'IMPLICIT_DENY',
      decided_by: 'boundary',
    });
    expect((await check(second, alice, 's3:GetObject', reports)).decision).toBe('ALLOW');
    const full = await authz.check({
      principal_arn: alice,
      action: 's3:GetObject',
      resource: reports,
      consistency: { fully_consistent: true },
    });
    expect(full.decision).toBe('ALLOW');
  });

  it('answers every RPC and its errors', async () => {
    const alice = arn('user', 'alice');
    const fresh = { at_least_as_fresh: token };
    const batch = await authz.batchCheck({
      consistency: fresh,
      checks: [
        { principal_arn: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::reports/a' },
        { principal_arn: arn('user', 'nobody'), action: 's3:GetObject', resource: '*' },
      ],
    });
    expect(
      batch.results.map((r) => (r.outcome === 'response' ? r.response.decision : r.error.code)),
    ).toEqual(['ALLOW', 5]);
    const simulated = await authz.simulatePrincipalPolicy({
      policy_source_arn: arn('group', 'analysts'),
      action_names: ['s3:GetObject'],
      resource_arns: ['arn:aws:s3:::reports/a'],
      consistency: fresh,
    });
    expect(simulated.evaluation_results[0].eval_decision).toBe('ALLOW');
    const custom = await authz.simulateCustomPolicy({
      policy_input_list: [doc({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' })],
      action_names: ['sqs:SendMessage'],
    });
    expect(custom.evaluation_results[0].eval_decision).toBe('ALLOW');
    const effective = await authz.getEffectivePermissions({
      principal_arn: alice,
      consistency: fresh,
    });
    expect(effective.policies.map((p) => p.source)).toEqual([
      'own',
      `group:${arn('group', 'analysts')}`,
      'boundary',
    ]);

    await expect(
      authz.check({ principal_arn: arn('user', 'nobody'), action: 's3:GetObject', resource: '*' }),
    ).rejects.toMatchObject({ code: 5 });
    await expect(
      authz.check({ principal_arn: 'nobody', action: 's3:GetObject', resource: '*' }),
    ).rejects.toMatchObject({ code: 3 });
    await expect(
      authz.check(
        {
          principal_arn: alice,
          action: 's3:GetObject',
          resource: '*',
          consistency: { at_least_as_fresh: '0:999999999' },
        },
        500,
      ),
    ).rejects.toMatchObject({ code: 4 });
  });

  it('authenticates every caller by its session token and keeps it to its own account', async () => {
    const alice = arn('user', 'alice');
    const ghost = arn('user', 'ghost');
    const request = (principal: string) => ({
      principal_arn: principal,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::reports/q1.csv',
    });
    type Failure = { code: number; details: string };
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => ({ code: 0, details: 'answered' }),
        (e: Failure) => ({ code: e.code, details: e.details }),
      );

    // UNAUTHENTICATED: no token, a forged one (another key ring), an expired one.
    const forged = mintCredentials(
      { IAM_KEY_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` },
      ROOT,
    ).sessionToken;
    const expired = sessionTokenOf(ROOT, { now: Date.now() - 7_200_000, durationSeconds: 900 });
    for (const [client, details] of [
      [authz.withToken(undefined), expect.stringMatching(/^missing bearer token/)],
      [authz.withToken(forged), 'The security token included in the request is invalid.'],
      [second.withToken(expired), 'The security token included in the request is expired'],
    ] as const) {
      expect(await failure(client.check(request(alice)))).toEqual({ code: 16, details });
    }

    // Another account's root: PERMISSION_DENIED, the same whether the principal exists or not.
    const stranger = authz.withToken(sessionTokenOf(`arn:aws:iam::${OTHER}:root`));
    const existing = await failure(stranger.check(request(alice)));
    expect(existing).toEqual({
      code: 7,
      details: `User: arn:aws:iam::${OTHER}:root is not authorized to perform: portcullis:Check on resource: ${alice} because it is a principal of another account`,
    });
    expect(await failure(stranger.check(request(ghost)))).toEqual({
      code: 7,
      details: existing.details.replace(alice, ghost),
    });
    expect(await failure(stranger.getEffectivePermissions({ principal_arn: alice }))).toMatchObject(
      { code: 7 },
    );

    // IAM users: with portcullis:Check on the account's users, and without any permission.
    await ok('CreateUser', { UserName: 'pep' });
    await ok('PutUserPolicy', {
      UserName: 'pep',
      PolicyName: 'check-users',
      PolicyDocument: doc({
        Effect: 'Allow',
        Action: 'portcullis:Check',
        Resource: `arn:aws:iam::${ACCOUNT}:user/*`,
      }),
    });
    await ok('CreateUser', { UserName: 'nobody-allowed' });
    await ok('CreateRole', {
      RoleName: 'Auditor',
      AssumeRolePolicyDocument: doc({
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    });
    await ok('PutRolePolicy', {
      RoleName: 'Auditor',
      PolicyName: 'audit',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'portcullis:*', Resource: '*' }),
    });
    const fresh = { at_least_as_fresh: token };
    // The caller's own policies are read at minimize_latency: wait until this instance has them.
    await authz.check({ ...request(arn('user', 'pep')), consistency: fresh });
    await authz.check({ ...request(arn('role', 'Auditor')), consistency: fresh });

    const pep = authz.withToken(sessionTokenOf(arn('user', 'pep')));
    expect((await pep.check({ ...request(alice), consistency: fresh })).decision).toBe('ALLOW');
    expect(await failure(pep.check(request(ghost)))).toMatchObject({ code: 5 });
    expect(await failure(pep.check(request(arn('role', 'Auditor'))))).toEqual({
      code: 7,
      details: `User: ${arn('user', 'pep')} is not authorized to perform: portcullis:Check on resource: ${arn('role', 'Auditor')} because no identity-based policy allows the portcullis:Check action`,
    });
    expect(await failure(pep.getEffectivePermissions({ principal_arn: alice }))).toMatchObject({
      code: 7,
      details: expect.stringContaining('portcullis:GetEffectivePermissions'),
    });
    const batch = await pep.batchCheck({
      checks: [
        request(alice),
        request(arn('role', 'Auditor')),
        request(`arn:aws:iam::${OTHER}:user/x`),
      ],
    });
    expect(
      batch.results.map((r) => (r.outcome === 'response' ? r.response.decision : r.error.code)),
    ).toEqual(['ALLOW', 7, 7]);

    const nobody = authz.withToken(sessionTokenOf(arn('user', 'nobody-allowed')));
    const denied = await failure(nobody.check(request(alice)));
    expect(denied.code).toBe(7);
    expect(await failure(nobody.check(request(ghost)))).toEqual({
      ...denied,
      details: denied.details.replace(alice, ghost),
    });
    // SimulateCustomPolicy reads no stored state: any authenticated caller may.
    const custom = await nobody.simulateCustomPolicy({
      policy_input_list: [doc({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' })],
      action_names: ['sqs:SendMessage'],
    });
    expect(custom.evaluation_results[0].eval_decision).toBe('ALLOW');

    // A role session: its role allows portcullis:*, its session policy only s3.
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Auditor/audit-1`;
    const auditor = second.withToken(sessionTokenOf(session));
    expect((await auditor.getEffectivePermissions({ principal_arn: alice })).principal_arn).toBe(
      alice,
    );
    const narrowed = second.withToken(
      sessionTokenOf(session, {
        extra: { sessionPolicy: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) },
      }),
    );
    expect(await failure(narrowed.check(request(alice)))).toEqual({
      code: 7,
      details: `User: ${session} is not authorized to perform: portcullis:Check on resource: ${alice} because no session policy allows the portcullis:Check action`,
    });
  });

  it('serves gRPC health checking and server reflection, to callers without a token', async () => {
    expect(await grpcHealthStatus(authz.address)).toBe('SERVING');
    expect(await reflectedServices(authz.address)).toEqual(
      expect.arrayContaining(['portcullis.authz.v1.AuthorizationService', 'grpc.health.v1.Health']),
    );
  });

  it('gives the policy corpus the same decisions as the library', async () => {
    const cases = loadCorpus();
    const started = Date.now();
    const outcomes = await runCorpus(cases, httpUrl, authz, {
      concurrency: 16,
      salt: '8',
      rootCredentialsFor: (account) => rootOf(account),
      sessionTokenFor: (principal, session) =>
        mintCredentials(env, principal, { extra: session }).sessionToken,
    });
    const s = summarize(outcomes);
    const skipped = [...s.skipped].map(([why, ids]) => `${ids.length} ${why}`).join('; ');
    process.stdout.write(
      `[corpus on Kafka+FerretDB] ${s.total} cases in ${((Date.now() - started) / 1000).toFixed(0)} s: ${s.ran} through Check, ` +
        `${s.disagreeWithLibrary.length} disagree with the library; skipped: ${skipped}\n`,
    );
    expect(s.errors).toEqual([]);
    expect(s.disagreeWithLibrary).toEqual([]);
    expect(s.disagreeWithExpect).toEqual([]);
    expect(s.ran).toBeGreaterThan(600);
  }, 600_000);
});
