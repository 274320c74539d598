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
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

/**
 * The query service on real Kafka and FerretDB/MongoDB, as the distributed deployment runs it:
 * command service, projector and query service are separate applications (each its own
 * connections, consumer groups and caches; here in one process), talking only through Kafka and
 * the read models. Writes over HTTP to the command service are read back through gRPC from the
 * query service with the reply's consistency token: read-your-writes across services, no sleeps.
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
    const res = await fetch(`${httpUrl}/v1/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portcullis-account': ACCOUNT },
      body: JSON.stringify(body),
    });
    const reply = (await res.json()) as Record<string, unknown>;
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
    authz = new AuthzClient(`127.0.0.1:${(await start('query-service')).grpc}`);
    // A second query-service instance: every instance must see every partition's invalidations.
    second = new AuthzClient(`127.0.0.1:${(await start('query-service')).grpc}`);
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

  it('serves gRPC health checking and server reflection', async () => {
    expect(await grpcHealthStatus(authz.address)).toBe('SERVING');
    expect(await reflectedServices(authz.address)).toEqual(
      expect.arrayContaining(['portcullis.authz.v1.AuthorizationService', 'grpc.health.v1.Health']),
    );
  });

  it('gives the policy corpus the same decisions as the library', async () => {
    const cases = loadCorpus();
    const started = Date.now();
    const outcomes = await runCorpus(cases, httpUrl, authz, { concurrency: 16, salt: '8' });
    const s = summarize(outcomes);
    const skipped = [...s.skipped].map(([why, ids]) => `${ids.length} ${why}`).join('; ');
    process.stdout.write(
      `[corpus on Kafka+FerretDB] ${s.total} cases in ${((Date.now() - started) / 1000).toFixed(0)} s: ${s.ran} through Check, ` +
        `${s.disagreeWithLibrary.length} disagree with the library; skipped: ${skipped}\n`,
    );
    expect(s.errors).toEqual([]);
    expect(s.disagreeWithLibrary).toEqual([]);
    expect(s.disagreeWithExpect).toEqual([]);
    expect(s.ran).toBeGreaterThan(550);
  }, 600_000);
});
