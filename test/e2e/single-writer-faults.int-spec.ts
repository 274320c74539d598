import { partitionFor } from '@portcullis/event-log';
import type { WriterEvent } from '../../apps/command-service/src/pipeline/kafka/kafka-command.consumer';
import {
  checkEventInvariants,
  KafkaCommandClient,
  readEvents,
  readTopic,
  runEnv,
  startWriter,
  testKafka,
  timeline,
  waitFor,
  WriterInstance,
} from './single-writer.support';

/**
 * A transaction that fails on the way is retried without a duplicate and without a lost
 * command, whatever its outcome was: failed before the commit (aborted, same content sent again),
 * committed but reported as failed (outcome found from the committed offset after re-fencing,
 * then state rebuilt), or stuck past its time bound (re-fenced, then sent again).
 */
describe('single writer: failed transactions on real Kafka', () => {
  const PARTITIONS = 3;
  const part = (id: string) => partitionFor(id, PARTITIONS);
  const env = runEnv('sw-faults', PARTITIONS);
  const kafka = testKafka(`${env.IAM_KAFKA_CLIENT_ID}-reader`);
  const account = '456789012345';
  let a: WriterInstance;
  let client: KafkaCommandClient;

  beforeAll(async () => {
    a = await startWriter(env, 'A');
    await a.waitReady();
    client = new KafkaCommandClient(kafka, env);
    await client.start();
  }, 60_000);
  afterAll(async () => {
    if (process.env.SW_DEBUG) timeline([a]);
    await client?.close().catch(() => undefined);
    await a?.close();
  }, 60_000);

  const failOnce = (fault: 'before' | 'after', error: () => Promise<void>) => {
    let armed = true;
    const hook = async (p: number) => {
      if (p !== part(account) || !armed) return;
      armed = false;
      await error();
    };
    a.consumer.faults = fault === 'before' ? { beforeCommit: hook } : { afterCommit: hook };
  };

  const createAndCheck = async (name: string) => {
    const since = a.events.length;
    const [id] = await client.send([
      { accountId: account, action: 'CreateUser', input: { UserName: name } },
    ]);
    await client.waitReplies([id], 60_000);
    a.consumer.faults = {};
    const reply = client.replies.get(id)!;
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatchObject({ ok: true, output: { User: { UserName: name } } });
    const committedReplies = (await readTopic(kafka, env.IAM_TOPIC_COMMAND_RESULTS!)).filter(
      (r) => r.message.key?.toString() === id,
    );
    expect(committedReplies).toHaveLength(1);
    const events = (await readEvents(kafka, env.IAM_TOPIC_EVENTS!)).filter(
      (e) => e.event.accountId === account,
    );
    checkEventInvariants(events, part);
    expect(events.filter((e) => e.event.payload.userName === name)).toHaveLength(1);
    return a.events.slice(since) as (WriterEvent & { at: number })[];
  };

  it('an error before the commit: the transaction is aborted and the same decisions sent again', async () => {
    failOnce('before', async () => {
      throw Object.assign(new Error('injected: coordinator moved'), {
        type: 'NOT_COORDINATOR_FOR_GROUP',
      });
    });
    const happened = await createAndCheck('before-commit');
    expect(happened.filter((e) => e.type === 'retry')).toHaveLength(1);
    expect(happened.find((e) => e.type === 'committed')).toMatchObject({ attempts: 2 });
    expect(happened.some((e) => e.type === 'dropped')).toBe(false);
  }, 60_000);

  it('an error after the commit went through: found committed, state rebuilt, nothing redone', async () => {
    failOnce('after', async () => {
      throw new Error('injected: commit response lost');
    });
    const since = a.events.length;
    await createAndCheck('after-commit');
    // The reply was committed before the writer learnt the outcome: wait for its rebuild.
    await waitFor(
      () => a.events.slice(since).some((e) => e.type === 'ready' && e.partition === part(account)),
      30_000,
      'the rebuild',
    );
    const happened = a.events.slice(since);
    const dropped = happened.find((e) => e.type === 'dropped' && e.partition === part(account));
    expect(dropped).toMatchObject({ reason: expect.stringMatching(/outcome unknown/) });
    // The next command is decided on the rebuilt state.
    const [dup] = await client.send([
      { accountId: account, action: 'CreateUser', input: { UserName: 'AFTER-COMMIT' } },
    ]);
    await client.waitReplies([dup], 60_000);
    expect(client.replies.get(dup)![0]).toMatchObject({
      ok: false,
      error: { Code: 'EntityAlreadyExists' },
    });
  }, 60_000);

  it('a transaction stuck past its bound: the producer is re-fenced and the chunk sent again', async () => {
    a.consumer.settings.transactionTimeoutMs = 1_500;
    try {
      let stuck: Promise<void> = Promise.resolve();
      failOnce('before', () => (stuck = new Promise((r) => setTimeout(r, 5_000))));
      const happened = await createAndCheck('stuck');
      // The old transaction wakes up later and tries to commit with its replaced producer.
      await stuck;
      await new Promise((r) => setTimeout(r, 500));
      expect(happened.find((e) => e.type === 'retry')).toMatchObject({
        error: expect.stringMatching(/TimeoutError/),
      });
      expect(happened.find((e) => e.type === 'committed')).toMatchObject({ attempts: 2 });
    } finally {
      a.consumer.settings.transactionTimeoutMs = 10_000;
    }
  }, 60_000);
});
