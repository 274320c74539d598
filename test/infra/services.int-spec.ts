// Proves that the chosen backends (see test/setup/global-setup.ts) serve what Portcullis needs:
// Kafka topics, transactions with consumer offsets and read-committed reads (kafkajs), and the
// MongoDB operations the read models use (driver v7; FerretDB or MongoDB).
import { Kafka, type Admin, type Consumer, type Producer } from 'kafkajs';
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import {
  consumerTestConfig,
  freshDatabaseName,
  kafkaTestConfig,
  mongoUri,
  uniqueName,
} from '../setup/backends';

const RETRIABLE = new Set([
  'NOT_COORDINATOR',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'COORDINATOR_NOT_AVAILABLE',
  'CONCURRENT_TRANSACTIONS',
]);

async function retryRetriable<T>(op: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await op();
    } catch (e) {
      const type = (e as { type?: string }).type;
      if (i >= attempts || !type || !RETRIABLE.has(type)) throw e;
      await new Promise((r) => setTimeout(r, Math.min(50 * i, 500)));
    }
  }
}

describe('Kafka backend', () => {
  const kafka = new Kafka(kafkaTestConfig(uniqueName('infra')));
  const commands = uniqueName('infra-commands');
  const events = uniqueName('infra-events');
  let admin: Admin;
  let producer: Producer;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.allSettled(consumers.map((c) => c.disconnect()));
    await producer?.disconnect();
    await admin.deleteTopics({ topics: [commands, events] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates topics with the admin client and waits for their leaders', async () => {
    await expect(
      admin.createTopics({
        waitForLeaders: true,
        topics: [
          { topic: commands, numPartitions: 2 },
          { topic: events, numPartitions: 2 },
        ],
      }),
    ).resolves.toBe(true);

    const { topics } = await admin.fetchTopicMetadata({ topics: [commands, events] });
    expect(topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(
      [
        [commands, 2],
        [events, 2],
      ].sort(),
    );
    for (const t of topics) {
      for (const p of t.partitions) expect(p.leader).toBeGreaterThanOrEqual(0);
    }
  });

  it('commits one transaction (with consumer offsets), aborts another; read_committed sees only the committed records', async () => {
    const group = uniqueName('infra-writer');
    producer = kafka.producer({
      transactionalId: uniqueName('infra-tx'),
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { initialRetryTime: 20, maxRetryTime: 2000, retries: 12 },
    });
    await producer.connect();

    const committed = await producer.transaction();
    const [meta] = await committed.send({
      topic: events,
      messages: [{ key: 'k', value: 'committed', partition: 0 }],
    });
    expect(meta.errorCode).toBe(0);
    // The exactly-once loop commits the command offset in the same transaction. kafkajs does not
    // retry TxnOffsetCommit's coordinator errors (a fresh broker answers NOT_COORDINATOR until
    // its group coordinator has loaded): the caller retries, as the command service must too.
    await retryRetriable(() =>
      committed.sendOffsets({
        consumerGroupId: group,
        topics: [{ topic: commands, partitions: [{ partition: 0, offset: '1' }] }],
      }),
    );
    await committed.commit();

    const aborted = await producer.transaction();
    await aborted.send({ topic: events, messages: [{ key: 'k', value: 'aborted', partition: 0 }] });
    await aborted.abort();

    // A last committed record tells the reader that it has passed the aborted one.
    const last = await producer.transaction();
    await last.send({ topic: events, messages: [{ key: 'k', value: 'last', partition: 0 }] });
    await last.commit();

    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [commands] });
    expect(offsets.partitions.find((p) => p.partition === 0)?.offset).toBe('1');

    const reader = kafka.consumer({
      ...consumerTestConfig(uniqueName('infra-reader')),
      readUncommitted: false,
    });
    consumers.push(reader);
    await reader.connect();
    await reader.subscribe({ topic: events, fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read_committed consumer saw only ${JSON.stringify(seen)}`)),
        60000,
      );
      reader
        .run({
          eachMessage: async ({ message }) => {
            const value = message.value?.toString() ?? '';
            seen.push(value);
            if (value === 'last') {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    expect(seen).toEqual(['committed', 'last']);
  });
});

describe('MongoDB backend', () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = new MongoClient(mongoUri(), { serverSelectionTimeoutMS: 10000 });
    await client.connect();
    db = client.db(freshDatabaseName('infra'));
  });

  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('answers ping', async () => {
    await expect(db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('inserts and finds by _id', async () => {
    const users = db.collection<{ _id: string; name: string }>('users');
    await users.insertOne({ _id: 'u-1', name: 'alice' });
    await expect(users.findOne({ _id: 'u-1' })).resolves.toEqual({ _id: 'u-1', name: 'alice' });
    await expect(users.findOne({ _id: 'missing' })).resolves.toBeNull();
  });

  it('reports a unique index violation as error code 11000', async () => {
    const names = db.collection<{ _id: string; name: string }>('names');
    await names.createIndex({ name: 1 }, { unique: true, name: 'name_unique' });
    await names.insertOne({ _id: 'a', name: 'same' });
    const error: unknown = await names.insertOne({ _id: 'b', name: 'same' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    await expect(names.countDocuments({})).resolves.toBe(1);
  });

  it('applies collection.bulkWrite with upserts', async () => {
    const view = db.collection<{ _id: string; name: string; version: number }>('view');
    await view.insertOne({ _id: 'existing', name: 'old', version: 1 });
    const result = await view.bulkWrite([
      {
        updateOne: {
          filter: { _id: 'new-1' },
          update: { $set: { name: 'one', version: 1 } },
          upsert: true,
        },
      },
      {
        updateOne: {
          filter: { _id: 'existing' },
          update: { $set: { name: 'new' }, $inc: { version: 1 } },
          upsert: true,
        },
      },
      {
        replaceOne: {
          filter: { _id: 'new-2' },
          replacement: { name: 'two', version: 1 },
          upsert: true,
        },
      },
    ]);
    expect(result.upsertedCount).toBe(2);
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(1);
    // FerretDB 1.x numbers upsertedIds wrongly in a mixed bulk: compare the ids, not their indexes.
    expect(Object.values(result.upsertedIds).sort()).toEqual(['new-1', 'new-2']);
    await expect(view.find({}).sort({ _id: 1 }).toArray()).resolves.toEqual([
      { _id: 'existing', name: 'new', version: 2 },
      { _id: 'new-1', name: 'one', version: 1 },
      { _id: 'new-2', name: 'two', version: 1 },
    ]);
  });
});
