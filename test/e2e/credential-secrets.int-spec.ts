import { randomBytes, randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { kafkaBrokers, mongoUri, uniqueName, isolatedServiceEnv } from '../setup/backends';
import { kafkaCommandClient } from '../support/kafka-command-client';
import { mintCredentials, TEST_BOOTSTRAP_KEY } from '../support/test-credentials';
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
    ];
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
