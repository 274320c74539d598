import { partitionFor } from '@portcullis/event-log';
import {
  accountsCoveringPartitions,
  ChildWriter,
  spawnWriter,
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
 * Ownership changes that are not polite: an owner that dies mid-transaction (its connections cut,
 * so the broker hears nothing more from it, as when a process is killed), and an owner that
 * stalls long enough to be replaced and then wakes up (a zombie).
 */
describe('single writer failover on real Kafka', () => {
  const PARTITIONS = 3;
  const part = (id: string) => partitionFor(id, PARTITIONS);

  describe('an owner killed mid-stream', () => {
    const env = runEnv('sw-kill', PARTITIONS);
    const kafka = testKafka(`${env.IAM_KAFKA_CLIENT_ID}-reader`);
    const instances: WriterInstance[] = [];
    let client: KafkaCommandClient;
    let a: ChildWriter | undefined;

    afterAll(async () => {
      a?.kill();
      await client?.close().catch(() => undefined);
      await Promise.all(instances.map((i) => i.close().catch(() => undefined)));
    }, 90_000);

    it('loses no acknowledged command, duplicates no event, and the survivor answers everything', async () => {
      // A runs in its own process and SIGKILLs itself inside its 4th transaction: after events,
      // replies and offsets went out, before the commit.
      a = spawnWriter(env, 'A', { killAtTransaction: 4 });
      await a.waitFor('ready', 60_000);
      const b = await startWriter(env, 'B');
      instances.push(b);
      await b.waitReady();
      // A and B split the partitions; A's are the ones B does not have.
      const aPartitions = [0, 1, 2].filter((p) => !b.consumer.assignment.includes(p));
      expect(aPartitions.length).toBeGreaterThan(0);

      client = new KafkaCommandClient(kafka, env);
      await client.start();
      const accounts = accountsCoveringPartitions(PARTITIONS, part);

      const ROUNDS = 40;
      const sent: string[] = [];
      const kinds = new Map<string, { account: string; name: string }>();
      for (let round = 0; round < ROUNDS; round++) {
        const batch = accounts.flatMap((account) =>
          [0, 1, 2].map((k) => {
            // Every name comes twice per account: once it is created, once it is refused.
            const name = `u${(round * 3 + k) % 60}`;
            return { account, name };
          }),
        );
        const ids = await client.send(
          batch.map((c) => ({
            accountId: c.account,
            action: 'CreateUser',
            input: { UserName: c.name },
          })),
        );
        ids.forEach((id, i) => kinds.set(id, batch[i]));
        sent.push(...ids);
        await new Promise((r) => setTimeout(r, 30));
      }
      await client.waitReplies(sent, 90_000);
      const dying = await a.waitFor('dying', 1_000);
      expect(await a.exited).toBe('SIGKILL');
      const killedAt = dying.at;
      if (process.env.SW_DEBUG) timeline([b]);

      // Every command answered exactly once (read back from the topic, committed only).
      const replies = (await readTopic(kafka, env.IAM_TOPIC_COMMAND_RESULTS!)).map(
        (r) =>
          JSON.parse(r.message.value!.toString()) as {
            correlationId: string;
            ok: boolean;
            commandId: string;
            consistencyToken?: string;
            output?: { User: { UserName: string; UserId: string } };
            error?: { Code: string };
          },
      );
      const byCorrelation = new Map<string, typeof replies>();
      for (const r of replies)
        byCorrelation.set(r.correlationId, [...(byCorrelation.get(r.correlationId) ?? []), r]);
      for (const id of sent)
        expect({ id, replies: byCorrelation.get(id)?.length }).toEqual({ id, replies: 1 });

      // Every ok reply has exactly its event in the log; refused ones have none.
      const events = await readEvents(kafka, env.IAM_TOPIC_EVENTS!);
      const byAccount = checkEventInvariants(events, part);
      const byCommand = new Map<string, typeof events>();
      for (const e of events)
        byCommand.set(e.event.commandId, [...(byCommand.get(e.event.commandId) ?? []), e]);
      let ok = 0;
      for (const id of sent) {
        const [reply] = byCorrelation.get(id)!;
        const mine = byCommand.get(reply.commandId) ?? [];
        if (reply.ok) {
          ok++;
          expect(mine).toHaveLength(1);
          expect(mine[0].event.payload.userId).toBe(reply.output!.User.UserId);
          expect(reply.consistencyToken).toBe(`${mine[0].partition}:${mine[0].offset}`);
        } else {
          expect(reply.error!.Code).toBe('EntityAlreadyExists');
          expect(mine).toHaveLength(0);
        }
      }
      // 60 distinct names per account, each created once.
      expect(ok).toBe(60 * accounts.length);
      for (const account of accounts) expect(byAccount.get(account)).toHaveLength(60);

      // The dead owner had written events it never committed: they are in the log, aborted.
      const everything = await readEvents(kafka, env.IAM_TOPIC_EVENTS!, { readUncommitted: true });
      expect(everything.length).toBeGreaterThan(events.length);
      // The survivor took A's partitions over, rebuilding them from the log.
      for (const p of aPartitions) {
        expect(
          b.events.some((e) => e.type === 'ready' && e.partition === p && e.at > killedAt),
        ).toBe(true);
      }
    }, 180_000);
  });

  describe('a zombie owner', () => {
    const env = runEnv('sw-zombie', PARTITIONS);
    const kafka = testKafka(`${env.IAM_KAFKA_CLIENT_ID}-reader`);
    const instances: WriterInstance[] = [];
    let client: KafkaCommandClient;
    const account = '345678901234';

    afterAll(async () => {
      await client?.close().catch(() => undefined);
      await Promise.all(instances.map((i) => i.close().catch(() => undefined)));
    }, 90_000);

    it('cannot commit once a new owner has fenced it', async () => {
      const a = await startWriter(env, 'A');
      instances.push(a);
      await a.waitReady();
      client = new KafkaCommandClient(kafka, env);
      await client.start();
      const P = part(account);
      const first = await client.send(
        ['ann', 'bob'].map((n) => ({
          accountId: account,
          action: 'CreateUser',
          input: { UserName: n },
        })),
      );
      await client.waitReplies(first, 30_000);

      // A stalls inside the transaction of "zed" (events and reply sent, not committed) for
      // longer than its session: the group gives its partitions to B, which fences A.
      a.consumer.settings.transactionTimeoutMs = 120_000;
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let armed = true;
      a.consumer.faults = {
        beforeCommit: async (p) => {
          if (p !== P || !armed) return;
          armed = false;
          entered();
          await released;
        },
      };
      const [zed] = await client.send([
        { accountId: account, action: 'CreateUser', input: { UserName: 'zed' } },
      ]);
      await inside;

      const b = await startWriter(env, 'B'); // joins once A has been evicted
      instances.push(b);
      await client.waitReplies([zed], 60_000);
      expect(client.replies.get(zed)![0]).toMatchObject({
        ok: true,
        output: { User: { UserName: 'zed' } },
      });
      expect(b.events.some((e) => e.type === 'committed' && e.partition === P)).toBe(true);

      // The zombie wakes up and tries to commit with its old producer: refused.
      release();
      await waitFor(
        () => a.events.some((e) => e.type === 'fenced' && e.partition === P),
        30_000,
        'A to be told it was fenced',
      );
      const fenced = a.events.find((e) => e.type === 'fenced')!;
      expect(fenced).toMatchObject({
        partition: P,
        error: expect.stringMatching(/INVALID_PRODUCER_EPOCH|epoch|fenced/i),
      });

      // Afterwards the deployment goes on (A rejoined the group; whoever owns P answers).
      const [after] = await client.send([
        { accountId: account, action: 'CreateUser', input: { UserName: 'ZED' } },
      ]);
      await client.waitReplies([after], 60_000);
      expect(client.replies.get(after)![0]).toMatchObject({
        ok: false,
        error: { Code: 'EntityAlreadyExists' },
      });
      if (process.env.SW_DEBUG) timeline([a, b]);

      const committed = (await readEvents(kafka, env.IAM_TOPIC_EVENTS!)).filter(
        (e) => e.event.accountId === account,
      );
      checkEventInvariants(committed, part);
      expect(committed.map((e) => e.event.payload.userName)).toEqual(['ann', 'bob', 'zed']);
      // The zombie did write "zed" and its reply, but only inside a transaction that was aborted.
      const all = (
        await readEvents(kafka, env.IAM_TOPIC_EVENTS!, { readUncommitted: true })
      ).filter((e) => e.event.accountId === account);
      expect(all.filter((e) => e.event.payload.userName === 'zed')).toHaveLength(2);
      const replies = await readTopic(kafka, env.IAM_TOPIC_COMMAND_RESULTS!);
      const zedReplies = replies.filter((r) => r.message.key?.toString() === zed);
      expect(zedReplies).toHaveLength(1);
      const zedRepliesAll = (
        await readTopic(kafka, env.IAM_TOPIC_COMMAND_RESULTS!, { readUncommitted: true })
      ).filter((r) => r.message.key?.toString() === zed);
      expect(zedRepliesAll).toHaveLength(2);
    }, 180_000);
  });
});
