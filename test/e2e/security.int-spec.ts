/**
 * The security tests, through the real deployment (HTTP edge, Kafka command path,
 * projector, FerretDB read models, gRPC query service): every attempt fails with AWS's error and
 * changes nothing. Credentials are the real ones: the operator's bootstrap key, CreateAccount's
 * root key, CreateAccessKey, GetSessionToken (with TOTP), AssumeRole. At the end every message
 * of every topic and every MongoDB document is scanned for the plaintext secrets the run saw.
 */
import { randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { totpCode, totpStep } from '@portcullis/credentials';
import { isolatedServiceEnv, kafkaBrokers, mongoUri, uniqueName } from '../setup/backends';
import { kafkaCommandClient } from '../support/kafka-command-client';
import { type Harness, startPortcullis } from '../support/portcullis-harness';
import {
  callApi,
  mintCredentials,
  signedPost,
  TEST_BOOTSTRAP_KEY,
  type ApiResponse,
  type Credentials,
} from '../support/test-credentials';

jest.setTimeout(120_000);

const policy = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('security: authentication and authorization on every API (Kafka + FerretDB)', () => {
  const run = uniqueName('sec');
  const database = run.replace(/-/g, '_');
  const env = isolatedServiceEnv(run, database);
  let harness: Harness;
  /** Every plaintext secret and password the run handled: none may be stored anywhere. */
  const plaintexts: string[] = [TEST_BOOTSTRAP_KEY.secretAccessKey];

  let account = '';
  let root: Credentials;
  let aliceKey: Credentials;
  let seed = '';
  const serial = () => `arn:aws:iam::${account}:mfa/alice-phone`;
  const arn = (kind: string, name: string) => `arn:aws:iam::${account}:${kind}/${name}`;

  const api = (action: string, body: object, credentials: Credentials, commandId?: string) =>
    callApi(harness.httpUrl, action, body, { credentials, ...(commandId ? { commandId } : {}) });
  async function ok(action: string, body: object, credentials: Credentials) {
    const res = await api(action, body, credentials);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  const code = (res: ApiResponse) => [res.status, (res.body.Error as { Code?: string })?.Code];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const keyOf = (body: Record<string, any>): Credentials => {
    const key = {
      accessKeyId: body.AccessKey.AccessKeyId,
      secretAccessKey: body.AccessKey.SecretAccessKey,
    };
    plaintexts.push(key.secretAccessKey);
    return key;
  };
  const sessionOf = (credentials: Record<string, string>): Credentials => {
    plaintexts.push(credentials.SecretAccessKey, credentials.SessionToken);
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
    };
  };
  /** A role of the tenant account whose trust policy names `principal`. */
  const roleTrusting = (RoleName: string, principal: string) =>
    ok(
      'CreateRole',
      {
        RoleName,
        AssumeRolePolicyDocument: policy({
          Effect: 'Allow',
          Principal: { AWS: principal },
          Action: 'sts:AssumeRole',
        }),
      },
      root,
    );
  /** A new user's key can take the projection's lag to be usable: wait for it, bounded. */
  async function usable(key: Credentials) {
    for (let i = 0; i < 100; i++) {
      if ((await api('GetCallerIdentity', {}, key)).status === 200) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`key ${key.accessKeyId} never became usable`);
  }

  beforeAll(async () => {
    harness = await startPortcullis(env);
    // The operator's bootstrap key is the management root's: it creates the tenant account.
    const bootstrap = { ...TEST_BOOTSTRAP_KEY };
    await usable(bootstrap);
    const created = await ok('CreateAccount', { AccountName: 'security' }, bootstrap);
    account = created.Account.AccountId;
    root = keyOf(created);
    await usable(root);

    await ok('CreateUser', { UserName: 'alice' }, root);
    await ok(
      'PutUserPolicy',
      {
        UserName: 'alice',
        PolicyName: 'limited',
        PolicyDocument: policy(
          { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
          // Creating groups only with MFA (the MFA-required policy).
          {
            Effect: 'Allow',
            Action: 'iam:CreateGroup',
            Resource: '*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ),
      },
      root,
    );
    aliceKey = keyOf(await ok('CreateAccessKey', { UserName: 'alice' }, root));
    await usable(aliceKey);
    const device = await ok(
      'CreateVirtualMFADevice',
      { VirtualMFADeviceName: 'alice-phone' },
      root,
    );
    seed = device.VirtualMFADevice.Base32StringSeed;
    plaintexts.push(seed);
    const step = totpStep(Date.now());
    await ok(
      'EnableMFADevice',
      {
        UserName: 'alice',
        SerialNumber: serial(),
        AuthenticationCode1: totpCode(seed, (step - 2) * 30_000),
        AuthenticationCode2: totpCode(seed, (step - 1) * 30_000),
      },
      root,
    );
  });

  afterAll(async () => {
    await harness?.close();
    const client = await MongoClient.connect(mongoUri());
    await client.db(database).dropDatabase();
    await client.close();
  });

  describe('HTTP (SigV4)', () => {
    it('unsigned → MissingAuthenticationToken; a wrong secret → SignatureDoesNotMatch; nothing created', async () => {
      const unsigned = await fetch(`${harness.httpUrl}/v1/CreateUser`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ UserName: 'mallory' }),
      });
      expect([
        unsigned.status,
        ((await unsigned.json()) as { Error: { Code: string } }).Error.Code,
      ]).toEqual([403, 'MissingAuthenticationToken']);
      const forged = await api(
        'CreateUser',
        { UserName: 'mallory' },
        { ...root, secretAccessKey: 'x'.repeat(40) },
      );
      expect(code(forged)).toEqual([403, 'SignatureDoesNotMatch']);
      expect(code(await api('GetUser', { UserName: 'mallory' }, root))).toEqual([
        404,
        'NoSuchEntity',
      ]);
    });

    it('a tampered body → SignatureDoesNotMatch; a request signed 6 minutes ago → RequestExpired', async () => {
      const url = `${harness.httpUrl}/v1/CreateUser`;
      const signedFor = JSON.stringify({ UserName: 'harmless' });
      const { signRequest } = await import('../support/test-credentials');
      const { headers } = await signRequest(url, signedFor, { credentials: root });
      const tampered = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ UserName: 'mallory' }),
      });
      expect(tampered.status).toBe(403);
      expect(((await tampered.json()) as { Error: { Code: string } }).Error.Code).toBe(
        'SignatureDoesNotMatch',
      );

      const old = await signedPost(url, signedFor, {
        credentials: root,
        signingDate: new Date(Date.now() - 6 * 60_000),
      });
      expect(old.status).toBe(400);
      expect(((await old.json()) as { Error: { Code: string } }).Error.Code).toBe('RequestExpired');
      for (const name of ['mallory', 'harmless']) {
        expect(code(await api('GetUser', { UserName: name }, root))).toEqual([404, 'NoSuchEntity']);
      }
    });

    it('an inactive key and a deleted user’s key → InvalidClientTokenId; expired temporary credentials → ExpiredToken', async () => {
      await ok('CreateUser', { UserName: 'dave' }, root);
      const daveKey = keyOf(await ok('CreateAccessKey', { UserName: 'dave' }, root));
      await usable(daveKey);
      await ok(
        'UpdateAccessKey',
        { UserName: 'dave', AccessKeyId: daveKey.accessKeyId, Status: 'Inactive' },
        root,
      );
      await waitUntil(
        async () => code(await api('GetCallerIdentity', {}, daveKey))[1] === 'InvalidClientTokenId',
      );
      expect(code(await api('ListUsers', {}, daveKey))).toEqual([403, 'InvalidClientTokenId']);

      await ok('DeleteAccessKey', { UserName: 'dave', AccessKeyId: daveKey.accessKeyId }, root);
      await ok('DeleteUser', { UserName: 'dave' }, root);
      await waitUntil(
        async () => code(await api('GetCallerIdentity', {}, daveKey))[1] === 'InvalidClientTokenId',
      );
      expect(code(await api('CreateUser', { UserName: 'dave2' }, daveKey))).toEqual([
        403,
        'InvalidClientTokenId',
      ]);

      const expired = mintCredentials(env, arn('user', 'alice'), {
        now: Date.now() - 2 * 3600_000,
        durationSeconds: 3600,
      });
      expect(code(await api('ListUsers', {}, expired))).toEqual([403, 'ExpiredToken']);
      expect(code(await api('GetUser', { UserName: 'dave2' }, root))).toEqual([
        404,
        'NoSuchEntity',
      ]);
    });
  });

  describe('MFA and STS', () => {
    let mfaSession: Credentials;

    it('GetSessionToken: a wrong code and a reused code are refused; a right one gives an MFA session', async () => {
      const denied = [
        'AccessDenied',
        'MultiFactorAuthentication failed with invalid MFA one time pass code.',
      ];
      const step = totpStep(Date.now());
      const wrong = await api(
        'GetSessionToken',
        { SerialNumber: serial(), TokenCode: totpCode(seed, (step - 9) * 30_000) },
        aliceKey,
      );
      expect([
        wrong.status,
        (wrong.body.Error as { Code: string }).Code,
        (wrong.body.Error as { Message: string }).Message,
      ]).toEqual([403, ...denied]);
      const right = totpCode(seed, step * 30_000);
      const first = await ok(
        'GetSessionToken',
        { SerialNumber: serial(), TokenCode: right, DurationSeconds: 900 },
        aliceKey,
      );
      mfaSession = sessionOf(first.GetSessionTokenResult.Credentials);
      const again = await api(
        'GetSessionToken',
        { SerialNumber: serial(), TokenCode: right },
        aliceKey,
      );
      expect(code(again)).toEqual([403, 'AccessDenied']);
      // Temporary credentials cannot ask for more (as in AWS).
      expect(code(await api('GetSessionToken', {}, mfaSession))).toEqual([403, 'AccessDenied']);
    });

    it('an MFA-required policy: denied with the long-term key and a session without MFA, allowed with MFA', async () => {
      expect(code(await api('CreateGroup', { GroupName: 'g1' }, aliceKey))).toEqual([
        403,
        'AccessDenied',
      ]);
      const plain = sessionOf(
        (await ok('GetSessionToken', { DurationSeconds: 900 }, aliceKey)).GetSessionTokenResult
          .Credentials,
      );
      expect(code(await api('CreateGroup', { GroupName: 'g1' }, plain))).toEqual([
        403,
        'AccessDenied',
      ]);
      expect(code(await api('GetGroup', { GroupName: 'g1' }, root))).toEqual([404, 'NoSuchEntity']);
      expect((await api('CreateGroup', { GroupName: 'g1' }, mfaSession)).status).toBe(200);
      const me = await ok('GetCallerIdentity', {}, mfaSession);
      expect(me.GetCallerIdentityResult.Arn).toBe(arn('user', 'alice'));
    });

    it('AssumeRole the trust policy does not allow: refused in the same account and across accounts', async () => {
      await ok('CreateUser', { UserName: 'bob' }, root);
      await roleTrusting('deployer', arn('user', 'bob'));
      await ok(
        'PutRolePolicy',
        {
          RoleName: 'deployer',
          PolicyName: 'read',
          PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }),
        },
        root,
      );
      const assume = (credentials: Credentials, roleArn = arn('role', 'deployer')) =>
        api('AssumeRole', { RoleArn: roleArn, RoleSessionName: 'ci' }, credentials);
      expect(code(await assume(aliceKey))).toEqual([403, 'AccessDenied']);

      const bobKey = keyOf(await ok('CreateAccessKey', { UserName: 'bob' }, root));
      await usable(bobKey);
      const assumed = await ok(
        'AssumeRole',
        { RoleArn: arn('role', 'deployer'), RoleSessionName: 'ci' },
        bobKey,
      );
      const session = sessionOf(assumed.AssumeRoleResult.Credentials);
      const sessionArn = `arn:aws:sts::${account}:assumed-role/deployer/ci`;
      expect(assumed.AssumeRoleResult.AssumedRoleUser.Arn).toBe(sessionArn);
      expect((await ok('GetCallerIdentity', {}, session)).GetCallerIdentityResult.Arn).toBe(
        sessionArn,
      );
      expect((await api('ListUsers', {}, session)).status).toBe(200);
      expect(code(await api('CreateUser', { UserName: 'eve' }, session))).toEqual([
        403,
        'AccessDenied',
      ]);

      // Across accounts: a role in another account trusting this account; the caller's own
      // identity policies must allow it too.
      const other = await ok(
        'CreateAccount',
        { AccountName: 'partner' },
        { ...TEST_BOOTSTRAP_KEY },
      );
      const partnerRoot = keyOf(other);
      await usable(partnerRoot);
      const partnerRole = `arn:aws:iam::${other.Account.AccountId}:role/shared`;
      await ok(
        'CreateRole',
        {
          RoleName: 'shared',
          AssumeRolePolicyDocument: policy({
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${account}:root` },
            Action: 'sts:AssumeRole',
          }),
        },
        partnerRoot,
      );
      expect(code(await assume(bobKey, partnerRole))).toEqual([403, 'AccessDenied']);
      await ok(
        'PutUserPolicy',
        {
          UserName: 'bob',
          PolicyName: 'x',
          PolicyDocument: policy({
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Resource: partnerRole,
          }),
        },
        root,
      );
      const crossed = await ok(
        'AssumeRole',
        { RoleArn: partnerRole, RoleSessionName: 'xa' },
        bobKey,
      );
      expect(crossed.AssumeRoleResult.AssumedRoleUser.Arn).toBe(
        `arn:aws:sts::${other.Account.AccountId}:assumed-role/shared/xa`,
      );
      sessionOf(crossed.AssumeRoleResult.Credentials);
      // The partner trusts this account, not alice's: still refused for a third party.
      expect(code(await assume(partnerRoot, arn('role', 'deployer')))).toEqual([
        403,
        'AccessDenied',
      ]);
    });
  });

  it('privilege escalation without the permissions: each refused, nothing changed', async () => {
    await ok(
      'CreatePolicy',
      {
        PolicyName: 'alice-extra',
        PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }),
      },
      root,
    );
    const extra = arn('policy', 'alice-extra');
    await ok('AttachUserPolicy', { UserName: 'alice', PolicyArn: extra }, root);
    await roleTrusting('admin', arn('user', 'bob'));
    await ok(
      'AttachRolePolicy',
      { RoleName: 'admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      root,
    );
    await ok('PutUserPermissionsBoundary', { UserName: 'alice', PermissionsBoundary: extra }, root);

    const attempts: [string, object][] = [
      [
        'AttachUserPolicy',
        { UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ],
      [
        'CreatePolicyVersion',
        {
          PolicyArn: extra,
          PolicyDocument: policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
          SetAsDefault: true,
        },
      ],
      // Passing the admin role to herself: rewriting its trust policy.
      [
        'UpdateAssumeRolePolicy',
        {
          RoleName: 'admin',
          PolicyDocument: policy({
            Effect: 'Allow',
            Principal: { AWS: arn('user', 'alice') },
            Action: 'sts:AssumeRole',
          }),
        },
      ],
      ['DeleteUserPermissionsBoundary', { UserName: 'alice' }],
    ];
    for (const [action, body] of attempts) {
      expect([action, ...code(await api(action, body, aliceKey))]).toEqual([
        action,
        403,
        'AccessDenied',
      ]);
    }
    expect(
      code(
        await api('AssumeRole', { RoleArn: arn('role', 'admin'), RoleSessionName: 'xa' }, aliceKey),
      ),
    ).toEqual([403, 'AccessDenied']);
    const attached = await ok('ListAttachedUserPolicies', { UserName: 'alice' }, root);
    expect(attached.AttachedPolicies.map((p: { PolicyArn: string }) => p.PolicyArn)).toEqual([
      extra,
    ]);
    expect((await ok('ListPolicyVersions', { PolicyArn: extra }, root)).Versions).toHaveLength(1);
    expect(
      (await ok('GetUser', { UserName: 'alice' }, root)).User.PermissionsBoundary,
    ).toMatchObject({ PermissionsBoundaryArn: extra });
  });

  it('CreateAccount: the management root, and management users its policies allow; no one else', async () => {
    const bootstrap = { ...TEST_BOOTSTRAP_KEY };
    await ok('CreateUser', { UserName: 'org-admin' }, bootstrap);
    await ok('CreateUser', { UserName: 'org-reader' }, bootstrap);
    await ok(
      'PutUserPolicy',
      {
        UserName: 'org-admin',
        PolicyName: 'create-accounts',
        PolicyDocument: policy({
          Effect: 'Allow',
          Action: 'organizations:CreateAccount',
          Resource: '*',
        }),
      },
      bootstrap,
    );
    const adminKey = keyOf(await ok('CreateAccessKey', { UserName: 'org-admin' }, bootstrap));
    const readerKey = keyOf(await ok('CreateAccessKey', { UserName: 'org-reader' }, bootstrap));
    await usable(adminKey);
    await usable(readerKey);
    const created = await ok('CreateAccount', { AccountName: 'delegated' }, adminKey);
    keyOf(created);
    expect(created.Account.AccountId).toMatch(/^\d{12}$/);
    const refused = await api('CreateAccount', { AccountName: 'nope' }, readerKey);
    expect(code(refused)).toEqual([403, 'AccessDenied']);
    // A tenant account's root is no management root.
    expect(code(await api('CreateAccount', { AccountName: 'nope2' }, root))).toEqual([
      403,
      'AccessDenied',
    ]);
  });

  it('gRPC: no bearer → UNAUTHENTICATED; another tenant’s principal → PERMISSION_DENIED; the role session is checkable', async () => {
    const noToken = harness.authz.withToken(undefined);
    await expect(
      noToken.check({
        principal_arn: arn('user', 'alice'),
        action: 'iam:ListUsers',
        resource: '*',
      }),
    ).rejects.toMatchObject({ code: 16 });
    const rootSession = sessionOf(
      (await ok('GetSessionToken', { DurationSeconds: 900 }, root)).GetSessionTokenResult
        .Credentials,
    );
    const asRoot = harness.authz.withToken(rootSession.sessionToken);
    const fresh = { fully_consistent: true };
    const decided = await asRoot.check({
      principal_arn: `arn:aws:sts::${account}:assumed-role/deployer/ci`,
      action: 'iam:ListUsers',
      resource: '*',
      consistency: fresh,
    });
    expect(decided.decision).toBe('ALLOW');
    await expect(
      asRoot.check({
        principal_arn: `arn:aws:iam::${TEST_MANAGEMENT}:user/x`,
        action: 'iam:ListUsers',
        resource: '*',
      }),
    ).rejects.toMatchObject({ code: 7 });
  });

  it('Kafka: an unsigned command is refused; one signed with an access key acts as its owner', async () => {
    const kafka = new Kafka({
      clientId: `${run}-k`,
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    const client = await kafkaCommandClient(
      kafka,
      { commands: env.IAM_TOPIC_COMMANDS!, results: env.IAM_TOPIC_COMMAND_RESULTS! },
      account,
    );
    try {
      const command = (actor: string, UserName: string) => {
        const commandId = randomUUID();
        return {
          commandId,
          value: JSON.stringify({
            commandId,
            accountId: account,
            actor,
            action: 'CreateUser',
            input: { UserName },
          }),
        };
      };
      const unsigned = command(arn('user', 'alice'), 'k1');
      await client.send(unsigned.value, account, null);
      expect(await client.reply(unsigned.commandId)).toMatchObject({
        ok: false,
        error: { Code: 'AccessDenied' },
      });
      const asAlice = command(arn('user', 'alice'), 'k2');
      await client.send(asAlice.value, account, aliceKey);
      expect(await client.reply(asAlice.commandId)).toMatchObject({
        ok: false,
        error: {
          Code: 'AccessDenied',
          Message: expect.stringContaining(
            `${arn('user', 'alice')} is not authorized to perform: iam:CreateUser`,
          ),
        },
      });
      const asRoot = command(`arn:aws:iam::${account}:root`, 'k3');
      await client.send(asRoot.value, account, root);
      expect(await client.reply(asRoot.commandId)).toMatchObject({ ok: true });
    } finally {
      await client.close();
    }
  });

  it('after all of it: no plaintext secret in any Kafka message or MongoDB document', async () => {
    expect(plaintexts.length).toBeGreaterThan(10);
    const kafka = new Kafka({
      clientId: `${run}-scan`,
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    const topics = [env.IAM_TOPIC_COMMANDS!, env.IAM_TOPIC_EVENTS!, env.IAM_TOPIC_COMMAND_RESULTS!];
    const admin = kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    await admin.disconnect();
    let messages = 0;
    for (const topic of topics.filter((t) => existing.has(t))) {
      const text = await readTopic(kafka, topic);
      messages += text.length;
      const all = text.join('\n');
      for (const secret of plaintexts)
        expect({ topic, found: all.includes(secret) }).toEqual({ topic, found: false });
    }
    expect(messages).toBeGreaterThan(20);
    const mongo = await MongoClient.connect(mongoUri());
    try {
      const db = mongo.db(database);
      let documents = 0;
      for (const { name } of await db.listCollections().toArray()) {
        const docs = JSON.stringify(await db.collection(name).find({}).toArray());
        documents += docs.length;
        for (const secret of plaintexts)
          expect({ name, found: docs.includes(secret) }).toEqual({ name, found: false });
      }
      expect(documents).toBeGreaterThan(0);
    } finally {
      await mongo.close();
    }
  });
});

const TEST_MANAGEMENT = '000000000000';

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every message of a topic (value and headers), from the start, aborted ones too. */
async function readTopic(kafka: Kafka, topic: string): Promise<string[]> {
  const consumer = kafka.consumer({
    groupId: uniqueName('scan'),
    readUncommitted: true,
    maxWaitTimeInMs: 50,
  });
  const values: string[] = [];
  let last = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`);
      values.push(`${message.value?.toString('utf8') ?? ''} ${headers.join(' ')}`);
      last = Date.now();
    },
  });
  // Read until the topic has been quiet for 2 s (the first fetch starts within that).
  while (Date.now() - last < 2000) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();
  return values;
}
