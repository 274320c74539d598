// The projector on real Kafka and MongoDB/FerretDB: events in, read models out, poison records
// (garbage bytes written straight to the topic, an unknown event type) parked on the DLQ topic
// while later events are still projected; a restart resumes after the stored checkpoints.
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { IamEventType } from '@portcullis/contracts';
import { KafkaEventLog } from '@portcullis/event-log';
import { MongoReadModelStore } from '@portcullis/read-models';
import {
  decodeDeadLetter,
  KafkaDeadLetters,
} from '../../apps/projector/src/dead-letters/kafka.dead-letters';
import type { DeadLetter } from '../../apps/projector/src/dead-letters/dead-letters.port';
import { startProjection } from '../../apps/projector/src/start-projection';
import {
  allow,
  arn,
  envelope,
  now,
  ProjectionFixture,
} from '../../apps/projector/src/testing/projection.fixture';
import {
  consumerTestConfig,
  freshDatabaseName,
  kafkaBrokers,
  kafkaTestConfig,
  mongoUri,
  uniqueName,
} from '../setup/backends';

const quiet = { log() {}, warn() {}, error() {} };
const topics: string[] = [];
const databases: string[] = [];

afterAll(async () => {
  const admin = new Kafka(kafkaTestConfig('projector-int-cleanup')).admin();
  try {
    await admin.connect();
    await admin.deleteTopics({ topics, timeout: 20_000 });
  } catch {
    // Unique names: leftovers never disturb another run.
  } finally {
    await admin.disconnect();
  }
  const client = await MongoClient.connect(mongoUri());
  for (const db of databases) await client.db(db).dropDatabase();
  await client.close();
}, 60_000);

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Reads the DLQ topic from its start until `count` letters are in. */
async function readLetters(kafka: Kafka, topic: string, count: number): Promise<DeadLetter[]> {
  const consumer = kafka.consumer(consumerTestConfig(uniqueName('dlq-reader')));
  const letters: DeadLetter[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void letters.push(decodeDeadLetter(message)),
    });
    return await until(`${count} dead letters`, async () =>
      letters.length >= count ? letters : undefined,
    );
  } finally {
    await consumer.disconnect();
  }
}

describe('projector on Kafka and MongoDB/FerretDB', () => {
  it('parks a garbage record and an unknown event type on the DLQ topic and keeps projecting', async () => {
    const eventsTopic = uniqueName('iam.events.projector');
    const dlqTopic = `${eventsTopic}.dlq`;
    topics.push(eventsTopic, dlqTopic);
    const database = freshDatabaseName('projector');
    databases.push(database);
    const kafka = new Kafka(kafkaTestConfig('projector-int'));
    const log = await KafkaEventLog.connect({
      brokers: kafkaBrokers(),
      clientId: 'projector-int',
      topic: eventsTopic,
      partitionCount: 3,
      transactionalId: uniqueName('projector-int-tx'),
      groupId: uniqueName('projector-int-group'),
      logLevel: logLevel.NOTHING,
    });
    const store = await MongoReadModelStore.connect(mongoUri(), { database });
    const deadLetters = await KafkaDeadLetters.connect({ kafka, topic: dlqTopic });
    const producer = kafka.producer();
    await producer.connect();
    try {
      const f = new ProjectionFixture();
      f.run((a) => a.createAccount({ accountName: 'acme', now }));
      f.user('alice');
      f.group('devs');
      f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: 'alice' }));
      await log.append(f.events);
      const running = await startProjection({
        log,
        store,
        deadLetters,
        eventsTopic,
        logger: quiet,
      });

      // Garbage straight onto the account's partition, between two appends.
      const partition = log.partitionFor(f.accountId);
      const [garbage] = await producer.send({
        topic: eventsTopic,
        messages: [
          {
            key: f.accountId,
            value: '{"this is": not json',
            partition,
            headers: { origin: 'test' },
          },
        ],
      });
      const next = f.events.length + 1;
      const unknown = envelope(next, 'iam.user-levitated.v1', { userArn: arn('user', 'alice') });
      const put = envelope(next + 1, IamEventType.UserPolicyPut, {
        userName: 'alice',
        userArn: arn('user', 'alice'),
        policyName: 'after.poison',
        policyDocument: allow('s3:*'),
      });
      const [, putAt] = await log.append([unknown, put]);

      const alice = await until('the event after the poison records', async () => {
        const doc = await store.getPrincipal(arn('user', 'alice'));
        return doc?.inlinePolicies.length ? doc : undefined;
      });
      expect(alice.groupArns).toEqual([arn('group', 'devs')]);
      expect(alice.inlinePolicies.map((p) => p.name)).toEqual(['after.poison']);
      await until('the checkpoint past the last event', async () => {
        const c = (await store.getCheckpoints()).find((x) => x.partition === partition);
        return c && BigInt(c.nextOffset) > BigInt(putAt.offset) ? c : undefined;
      });

      const letters = await readLetters(kafka, dlqTopic, 2);
      expect(letters.map((l) => [l.reason, l.source])).toEqual([
        ['undecodable', { topic: eventsTopic, partition, offset: garbage.baseOffset }],
        [
          'unknown-type',
          { topic: eventsTopic, partition, offset: String(BigInt(putAt.offset) - 1n) },
        ],
      ]);
      expect(letters[0].record.value!.toString()).toBe('{"this is": not json');
      expect(letters[0].record.headers.origin.toString()).toBe('test');
      expect(letters[0].error).toMatch(/value is not JSON/);
      expect(JSON.parse(letters[1].record.value!.toString())).toEqual(unknown);
      expect(running.projector.metrics.snapshot()).toMatchObject({
        deadLettered: 2,
        deadLetteredByReason: { undecodable: 1, 'unknown-type': 1, 'projection-failed': 0 },
      });
      await running.subscription.close();

      // A restart resumes after the stored checkpoints: nothing is parked or applied twice.
      const again = await startProjection({ log, store, deadLetters, eventsTopic, logger: quiet });
      const [tagged] = f.run((a) =>
        a.tagUser({ userName: 'alice', tags: [{ Key: 'k', Value: 'v' }] }),
      );
      await log.append([{ ...tagged, sequence: next + 2, eventId: 'retagged' }]);
      await until('the tag after the restart', async () =>
        (await store.getPrincipal(arn('user', 'alice')))?.tags.length ? true : undefined,
      );
      // The batch is counted once its checkpoint is stored, a moment after its documents.
      await until('the batch counted', async () =>
        again.projector.metrics.snapshot().batches > 0 ? true : undefined,
      );
      expect(again.projector.metrics.snapshot()).toMatchObject({
        eventsApplied: 1,
        eventsSkipped: 0,
        deadLettered: 0,
      });
      await again.subscription.close();
    } finally {
      await producer.disconnect();
      await deadLetters.close();
      await log.close();
      await store.close();
    }
  }, 120_000);
});
