import { randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import type { CommandReply } from '@portcullis/contracts';
import { kafkaBrokers, mongoUri, uniqueName, isolatedServiceEnv } from '../setup/backends';
import { kafkaCommandClient } from '../support/kafka-command-client';
import { mintCredentials, signedCommandHeaders } from '../support/test-credentials';
import { Harness, startPortcullis } from '../support/portcullis-harness';
import { runRoundTripScenario } from '../support/round-trip.scenario';

/**
 * The whole path on the real services: HTTP or Kafka command → transactional append to Kafka →
 * projector → MongoDB/FerretDB → gRPC Check. Every run uses its own topics, groups and database.
 */
describe('walking skeleton on real Kafka and MongoDB/FerretDB', () => {
  const run = uniqueName('e2e');
  const database = run.replace(/-/g, '_');
  const env = isolatedServiceEnv(run, database);
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

  runRoundTripScenario(() => harness);

  it('takes commands over Kafka: iam.commands in, reply on iam.command-results with the same correlation id', async () => {
    const kafka = new Kafka({
      clientId: `${run}-client`,
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    // Signed by the account's root (temporary credentials), as a microservice holding them would.
    const root = mintCredentials(harness.env, 'arn:aws:iam::123456789012:root');
    const client = await kafkaCommandClient(
      kafka,
      { commands: env.IAM_TOPIC_COMMANDS!, results: env.IAM_TOPIC_COMMAND_RESULTS! },
      '123456789012',
      root,
    );
    const send = (value: string, key?: string) => client.send(value, key);
    const waitReply = (correlationId: string) => client.reply(correlationId);
    try {
      const ok = randomUUID();
      await send(
        JSON.stringify({
          // No correlationId: the reply is correlated by the command id.
          commandId: ok,
          accountId: '123456789012',
          actor: 'arn:aws:iam::123456789012:root',
          action: 'CreateUser',
          input: { UserName: 'erin', Path: '/ops/' },
        }),
      );
      const reply = await waitReply(ok);
      expect(reply).toMatchObject({
        ok: true,
        commandId: ok,
        output: {
          User: { UserName: 'erin', Path: '/ops/', Arn: 'arn:aws:iam::123456789012:user/ops/erin' },
        },
      });

      const bad = randomUUID();
      await send(
        JSON.stringify({
          commandId: bad,
          correlationId: bad,
          accountId: '123456789012',
          actor: 'arn:aws:iam::123456789012:root',
          action: 'CreateUser',
          input: {},
        }),
      );
      expect(await waitReply(bad)).toMatchObject({ ok: false, error: { Code: 'ValidationError' } });

      const notJson = randomUUID();
      await send('{"this is": not json', notJson);
      // Without a parsable body the reply can only be matched by the message key.
      expect(await waitReply(notJson)).toMatchObject({
        ok: false,
        error: { Code: 'ValidationError' },
      });

      // Unsigned, signed by someone else than the actor, or tampered with: refused, nothing written.
      const command = (commandId: string, UserName: string) =>
        JSON.stringify({
          commandId,
          accountId: '123456789012',
          actor: 'arn:aws:iam::123456789012:root',
          action: 'CreateUser',
          input: { UserName },
        });
      const unsigned = randomUUID();
      await client.send(command(unsigned, 'mallory'), undefined, null);
      expect(await waitReply(unsigned)).toMatchObject({
        ok: false,
        error: { Code: 'AccessDenied', Message: expect.stringContaining('not signed') },
      });
      const impostor = randomUUID();
      await client.send(
        command(impostor, 'mallory'),
        undefined,
        mintCredentials(harness.env, 'arn:aws:iam::123456789012:user/ops/erin'),
      );
      expect(await waitReply(impostor)).toMatchObject({
        ok: false,
        error: { Code: 'AccessDenied', Message: expect.stringContaining('not the principal') },
      });
      const tampered = randomUUID();
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: env.IAM_TOPIC_COMMANDS!,
        messages: [
          {
            key: '123456789012',
            value: command(tampered, 'mallory'),
            headers: await signedCommandHeaders(command(tampered, 'alice-admin'), root),
          },
        ],
      });
      await producer.disconnect();
      expect(await waitReply(tampered)).toMatchObject({
        ok: false,
        error: { Code: 'SignatureDoesNotMatch' },
      });
      expect((await harness.call('GetUser', { UserName: 'mallory' })).status).toBe(404);

      // The HTTP API sees what came in over Kafka: same single writer, same state.
      const again = await harness.call('CreateUser', { UserName: 'ERIN' });
      expect(again.body.Error).toMatchObject({ Code: 'EntityAlreadyExists' });
    } finally {
      await client.close();
    }
  });

  it('replies on the topic a command names in its reply-topic header', async () => {
    const kafka = new Kafka({
      clientId: `${run}-rt`,
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    const replyTopic = `${run}.my-replies`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: replyTopic, numPartitions: 1 }],
    });
    await admin.disconnect();
    const consumer = kafka.consumer({ groupId: uniqueName('rt'), maxWaitTimeInMs: 50 });
    const producer = kafka.producer();
    const replies: CommandReply[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: replyTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        replies.push(JSON.parse(message.value!.toString()) as CommandReply);
      },
    });
    await producer.connect();
    try {
      const commandId = randomUUID();
      const value = JSON.stringify({
        commandId,
        accountId: '123456789012',
        actor: 'arn:aws:iam::123456789012:root',
        action: 'CreateGroup',
        input: { GroupName: 'auditors' },
      });
      const signed = await signedCommandHeaders(
        value,
        mintCredentials(harness.env, 'arn:aws:iam::123456789012:root'),
      );
      await producer.send({
        topic: env.IAM_TOPIC_COMMANDS!,
        messages: [
          { key: '123456789012', headers: { ...signed, 'reply-topic': replyTopic }, value },
        ],
      });
      for (let i = 0; i < 600 && replies.length === 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(replies).toEqual([
        expect.objectContaining({
          commandId,
          ok: true,
          output: { Group: expect.objectContaining({ GroupName: 'auditors' }) },
          consistencyToken: expect.stringMatching(/^\d+:\d+$/),
        }),
      ]);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });

  it('writes versioned events keyed by account id, committed transactionally', async () => {
    const kafka = new Kafka({
      clientId: `${run}-reader`,
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 50 });
    const seen: { key: string; type: string; sequence: number }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: env.IAM_TOPIC_EVENTS!, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const e = JSON.parse(message.value!.toString()) as { type: string; sequence: number };
        seen.push({ key: message.key!.toString(), type: e.type, sequence: e.sequence });
      },
    });
    const mine = () => seen.filter((e) => e.key === '123456789012');
    for (let i = 0; i < 200 && mine().length < 5; i++) await new Promise((r) => setTimeout(r, 50));
    await consumer.disconnect();
    // The management account's bootstrap events are the only others, keyed by its id.
    expect(seen.filter((e) => e.key !== '123456789012').map((e) => e.key)).toEqual(
      seen.filter((e) => e.key === '000000000000').map((e) => e.key),
    );
    seen.splice(0, seen.length, ...mine());
    expect(seen.map((e) => e.sequence)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.slice(0, 2).map((e) => e.type)).toEqual([
      'iam.user-created.v1',
      'iam.user-policy-put.v1',
    ]);
  });
});
