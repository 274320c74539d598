import { randomBytes, randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { kafkaBrokers, mongoUri, uniqueName, isolatedServiceEnv } from '../setup/backends';
import type { CommandReply } from '@portcullis/contracts';
import {
  generateSealedBoxKeyPair,
  openWith,
  sealTo,
  SEALED_BOX_ALGORITHM,
} from '@portcullis/credentials';
import { kafkaCommandClient, type KafkaCommandClient } from '../support/kafka-command-client';
import { callApi, mintCredentials, TEST_BOOTSTRAP_KEY } from '../support/test-credentials';
import { type Harness, startPortcullis } from '../support/portcullis-harness';

const ACCOUNT = '123456789012';

/**
 * Credentials on the Kafka deployment: every command, event and reply goes through Kafka, which
 * keeps them. The HTTP caller gets its secrets; no topic and no read model holds them in clear.
 */
describe('credential secrets on Kafka and MongoDB/FerretDB', () => {
  const run = uniqueName('secrets');
  const database = run.replace(/-/g, '_');
  const env: NodeJS.ProcessEnv = {
    ...isolatedServiceEnv(run, database),
    IAM_KEY_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  };
  const kafka = new Kafka({
    clientId: `${run}-client`,
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  let harness: Harness;

  beforeAll(async () => {
    harness = await startPortcullis(env);
  });

  afterAll(async () => {
    await harness?.close();
    const client = await MongoClient.connect(mongoUri());
    await client.db(database).dropDatabase();
    await client.close();
  });

  async function ok(action: string, body: Record<string, unknown>, actor?: string) {
    const res = await harness.call(action, body, actor ? { actor } : {});
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Every record of a topic, as text (value and headers). */
  async function topicText(topic: string): Promise<string[]> {
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const total = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    const consumer = kafka.consumer({
      groupId: uniqueName('scan'),
      readUncommitted: true,
    } as never);
    const out: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    // Transaction markers take offsets too: stop when every partition has reached its end.
    const reached = new Map<number, boolean>();
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`scan of ${topic} timed out`)), 30_000);
      const check = () => {
        if (offsets.every((p) => reached.get(p.partition) || p.high === p.low)) {
          clearTimeout(timer);
          done();
        }
      };
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            out.push(m.value?.toString() ?? '');
            for (const [k, v] of Object.entries(m.headers ?? {})) out.push(`${k}=${String(v)}`);
          }
          const high = offsets.find((p) => p.partition === batch.partition)!.high;
          if (BigInt(batch.highWatermark) >= BigInt(high)) reached.set(batch.partition, true);
          check();
        },
      });
      check();
    });
    await consumer.disconnect();
    expect(out.length).toBeGreaterThanOrEqual(total > 0 ? 1 : 0);
    return out;
  }

  /** Secrets the Kafka tests below handled: the scan at the end looks for them too. */
  const kafkaSecrets: string[] = [];
  const ROOT = `arn:aws:iam::${ACCOUNT}:root`;

  async function kafkaClient(): Promise<KafkaCommandClient> {
    return kafkaCommandClient(
      kafka,
      { commands: env.IAM_TOPIC_COMMANDS!, results: env.IAM_TOPIC_COMMAND_RESULTS! },
      ACCOUNT,
      mintCredentials(env, ROOT),
    );
  }

  async function kafkaCall(
    client: KafkaCommandClient,
    action: string,
    input: Record<string, unknown>,
    extra: { commandId?: string; replyKey?: string } = {},
  ): Promise<CommandReply> {
    const commandId = extra.commandId ?? randomUUID();
    await client.send(
      JSON.stringify({
        commandId,
        accountId: ACCOUNT,
        actor: ROOT,
        action,
        input,
        ...(extra.replyKey ? { replyKey: extra.replyKey } : {}),
      }),
    );
    return client.reply(commandId);
  }

  it('encrypts a Kafka reply secret to the replyKey the command names; the key then signs', async () => {
    const client = await kafkaClient();
    try {
      const mine = generateSealedBoxKeyPair();
      expect(await kafkaCall(client, 'CreateUser', { UserName: 'kafka-carol' })).toMatchObject({
        ok: true,
      });
      const commandId = randomUUID();
      const reply = await kafkaCall(
        client,
        'CreateAccessKey',
        { UserName: 'kafka-carol' },
        { commandId, replyKey: mine.publicKey },
      );
      if (!reply.ok) throw new Error(JSON.stringify(reply));
      const accessKey = (
        reply.output as {
          AccessKey: { AccessKeyId: string; SecretAccessKey: Record<string, unknown> };
        }
      ).AccessKey;
      expect(Object.keys(accessKey.SecretAccessKey).sort()).toEqual(['BoundTo', 'Encrypted']);
      const { Encrypted, BoundTo } = accessKey.SecretAccessKey as {
        Encrypted: string;
        BoundTo: unknown;
      };
      expect(Encrypted).toMatch(/^psb1\./);
      // Only the caller's private key opens it, under the binding the reply names.
      expect(() =>
        openWith(generateSealedBoxKeyPair().privateKey, Encrypted, JSON.stringify(BoundTo)),
      ).toThrow();
      const secretAccessKey = openWith(mine.privateKey, Encrypted, JSON.stringify(BoundTo));
      expect(secretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
      kafkaSecrets.push(secretAccessKey);

      // A retry (same command id) is answered through the same path: encrypted again.
      const again = await kafkaCall(
        client,
        'CreateAccessKey',
        { UserName: 'kafka-carol' },
        { commandId, replyKey: mine.publicKey },
      );
      const retried = (again as { output: typeof reply.output }).output as typeof reply.output & {
        AccessKey: { AccessKeyId: string; SecretAccessKey: { Encrypted: string } };
      };
      expect(retried.AccessKey.AccessKeyId).toBe(accessKey.AccessKeyId);
      expect(
        openWith(
          mine.privateKey,
          retried.AccessKey.SecretAccessKey.Encrypted,
          JSON.stringify(BoundTo),
        ),
      ).toBe(secretAccessKey);

      // Without a replyKey a Kafka caller still gets the sealed form.
      const sealed = await kafkaCall(client, 'CreateAccessKey', { UserName: 'kafka-carol' });
      expect(sealed).toMatchObject({
        ok: true,
        output: { AccessKey: { SecretAccessKey: { Sealed: expect.stringMatching(/^v1\./) } } },
      });

      // The decrypted key works: it signs a request (once the read side has it).
      const credentials = { accessKeyId: accessKey.AccessKeyId, secretAccessKey };
      let res = await callApi(harness.httpUrl, 'GetCallerIdentity', {}, { credentials });
      for (let waited = 0; res.status !== 200 && waited < 5_000; waited += 100) {
        await new Promise((r) => setTimeout(r, 100));
        res = await callApi(harness.httpUrl, 'GetCallerIdentity', {}, { credentials });
      }
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        GetCallerIdentityResult: { Arn: `arn:aws:iam::${ACCOUNT}:user/kafka-carol` },
      });
    } finally {
      await client.close();
    }
  });

  it('takes a password a Kafka caller encrypted to the published command-encryption key', async () => {
    const res = await fetch(`${harness.httpUrl}/v1/public-keys/command-encryption`);
    expect(res.status).toBe(200);
    const published = (await res.json()) as { KeyId: string; PublicKey: string; Algorithm: string };
    expect(published).toEqual({
      KeyId: 'k1',
      PublicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      Algorithm: SEALED_BOX_ALGORITHM,
    });
    const client = await kafkaClient();
    try {
      await ok('CreateUser', { UserName: 'kafka-dave' });
      const password = `Kafka-${randomUUID()}`;
      kafkaSecrets.push(password);
      const encryptFor = (commandId: string) =>
        `${published.KeyId}:${sealTo(
          published.PublicKey,
          password,
          JSON.stringify({ purpose: 'command-input', commandId, member: 'Password' }),
        )}`;
      // Encrypted for another command id: refused, nothing created.
      const misbound = await kafkaCall(client, 'CreateLoginProfile', {
        UserName: 'kafka-dave',
        Password: { Encrypted: encryptFor(randomUUID()) },
      });
      expect(misbound).toMatchObject({
        ok: false,
        error: { Code: 'InvalidInput', Message: 'Password could not be opened.' },
      });
      const commandId = randomUUID();
      const reply = await kafkaCall(
        client,
        'CreateLoginProfile',
        { UserName: 'kafka-dave', Password: { Encrypted: encryptFor(commandId) } },
        { commandId },
      );
      expect(reply).toMatchObject({
        ok: true,
        output: { LoginProfile: { UserName: 'kafka-dave' } },
      });
      expect((await harness.call('GetLoginProfile', { UserName: 'kafka-dave' })).status).toBe(200);
    } finally {
      await client.close();
    }
  });

  it('gives the HTTP caller its secrets, and no Kafka record or document holds them in clear', async () => {
    const password = `First-${randomUUID()}`;
    const newPassword = `Second-${randomUUID()}`;
    await ok('CreateUser', { UserName: 'alice' });
    await ok('CreateLoginProfile', { UserName: 'alice', Password: password });
    await ok('UpdateLoginProfile', { UserName: 'alice', Password: newPassword });
    const key = (await ok('CreateAccessKey', { UserName: 'alice' })) as {
      AccessKey: { AccessKeyId: string; SecretAccessKey: string };
    };
    expect(key.AccessKey.SecretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    const mfa = (await ok('CreateVirtualMFADevice', { VirtualMFADeviceName: 'alice-phone' })) as {
      VirtualMFADevice: { Base32StringSeed: string };
    };
    expect(mfa.VirtualMFADevice.Base32StringSeed).toMatch(/^[A-Z2-7]{32}$/);

    const secrets = [
      password,
      newPassword,
      key.AccessKey.SecretAccessKey,
      mfa.VirtualMFADevice.Base32StringSeed,
      // The operator's bootstrap root key went through iam.commands (sealed) at start.
      TEST_BOOTSTRAP_KEY.secretAccessKey,
      // What the Kafka callers above encrypted or received encrypted.
      ...kafkaSecrets,
    ];
    expect(kafkaSecrets).toHaveLength(2);
    const topics = [env.IAM_TOPIC_COMMANDS!, env.IAM_TOPIC_EVENTS!, env.IAM_TOPIC_COMMAND_RESULTS!];
    for (const topic of topics) {
      const text = (await topicText(topic)).join('\n');
      expect(text.length).toBeGreaterThan(0);
      for (const secret of secrets)
        expect({ topic, found: text.includes(secret) }).toEqual({ topic, found: false });
    }
    const client = await MongoClient.connect(mongoUri());
    try {
      const db = client.db(database);
      for (const { name } of await db.listCollections().toArray()) {
        const text = JSON.stringify(await db.collection(name).find().toArray());
        for (const secret of secrets)
          expect({ name, found: text.includes(secret) }).toEqual({ name, found: false });
      }
    } finally {
      await client.close();
    }
  });

  it('refuses a password sent in clear on the command topic, and answers without echoing it', async () => {
    const client = await kafkaCommandClient(
      kafka,
      { commands: env.IAM_TOPIC_COMMANDS!, results: env.IAM_TOPIC_COMMAND_RESULTS! },
      ACCOUNT,
      mintCredentials(env, `arn:aws:iam::${ACCOUNT}:root`),
    );
    try {
      await ok('CreateUser', { UserName: 'bob' });
      const commandId = randomUUID();
      const password = `Clear-${randomUUID()}`;
      await client.send(
        JSON.stringify({
          commandId,
          accountId: ACCOUNT,
          actor: `arn:aws:iam::${ACCOUNT}:root`,
          action: 'CreateLoginProfile',
          input: { UserName: 'bob', Password: password },
        }),
      );
      const reply = await client.reply(commandId);
      expect(reply).toMatchObject({
        ok: false,
        error: {
          Code: 'InvalidInput',
          Message:
            'Password must arrive sealed: send CreateLoginProfile through the HTTP API, which seals it.',
        },
      });
      const profile = await harness.call('GetLoginProfile', { UserName: 'bob' });
      expect(profile.status).toBe(404);
    } finally {
      await client.close();
    }
  });
});
