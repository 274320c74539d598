import { randomUUID } from 'crypto';
import { partitionFor } from '@portcullis/event-log';
import {
  accountsCoveringPartitions,
  ApiResponse,
  checkEventInvariants,
  readEvents,
  runEnv,
  startWriter,
  testKafka,
  timeline,
  WriterInstance,
} from './single-writer.support';

/**
 * The single writer on the real broker: instances of one deployment share the command
 * partitions through their consumer group and the per-partition transactional ids. Invariants
 * that depend on one writer per account (unique names, gapless sequences) hold while partitions
 * move between instances, and a new owner takes over from the log alone.
 */
describe('single writer per partition on real Kafka', () => {
  const PARTITIONS = 3;
  const part = (id: string) => partitionFor(id, PARTITIONS);

  describe('two instances racing', () => {
    const env = runEnv('sw-race', PARTITIONS);
    const kafka = testKafka(`${env.IAM_KAFKA_CLIENT_ID}-reader`);
    const instances: WriterInstance[] = [];

    afterAll(async () => {
      await Promise.all(instances.map((i) => i.close().catch(() => undefined)));
    }, 90_000);

    it('same names sent concurrently through both, while partitions move: exactly one success per name', async () => {
      const a = await startWriter(env, 'A');
      instances.push(a);
      const b = await startWriter(env, 'B');
      instances.push(b);
      await b.waitReady();
      await a.waitReady();
      expect([...a.consumer.assignment, ...b.consumer.assignment].sort()).toEqual([0, 1, 2]);

      const accounts = accountsCoveringPartitions(PARTITIONS, part);
      const NAMES = 20;
      const TRIES = 6; // per name: 3 through A, 3 through B
      const calls: { account: string; name: string; via: WriterInstance }[] = [];
      for (const account of accounts) {
        for (let n = 0; n < NAMES; n++) {
          for (let t = 0; t < TRIES; t++) {
            // Different case each time: IAM names are unique case-insensitively.
            const name = t % 2 === 0 ? `user-${n}` : `USER-${n}`;
            calls.push({ account, name, via: t % 2 === 0 ? a : b });
          }
        }
      }
      calls.sort(() => Math.random() - 0.5);
      // Calls go out in small groups over several seconds while ownership keeps changing:
      // instance C joins (partitions move to it), leaves, then D joins and leaves.
      const pending: Promise<{ account: string; name: string; res: ApiResponse }>[] = [];
      let sending = true;
      const sender = (async () => {
        for (let i = 0; i < calls.length; i += 4) {
          for (const call of calls.slice(i, i + 4)) {
            pending.push(
              call.via
                .call('CreateUser', { UserName: call.name }, { account: call.account })
                .then((res) => ({ account: call.account, name: call.name, res })),
            );
          }
          await new Promise((r) => setTimeout(r, 25));
        }
        sending = false;
      })();
      const visitors: WriterInstance[] = [];
      for (const name of ['C', 'D']) {
        if (!sending) break;
        const visitor = await startWriter(env, name);
        instances.push(visitor);
        visitors.push(visitor);
        await visitor.waitReady(undefined, 30_000).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 300));
        await visitor.close();
      }
      await sender;
      const results = await Promise.all(pending);

      const byName = new Map<string, { account: string; res: ApiResponse }[]>();
      for (const r of results) {
        const key = `${r.account}/${r.name.toLowerCase()}`;
        byName.set(key, [...(byName.get(key) ?? []), r]);
      }
      expect(byName.size).toBe(accounts.length * NAMES);
      const winners = new Map<string, ApiResponse>();
      for (const [key, tries] of byName) {
        const ok = tries.filter((t) => t.res.status === 200);
        const lost = tries.filter((t) => t.res.status !== 200);
        expect({ key, successes: ok.length }).toEqual({ key, successes: 1 });
        for (const l of lost) {
          expect(l.res).toMatchObject({
            status: 409,
            body: { Error: { Code: 'EntityAlreadyExists' } },
          });
        }
        winners.set(key, ok[0].res);
      }

      // The log agrees: one event per name, gapless per account, each where its reply says.
      const events = (await readEvents(kafka, env.IAM_TOPIC_EVENTS!)).filter((e) =>
        accounts.includes(e.event.accountId),
      );
      const byAccount = checkEventInvariants(events, part);
      for (const account of accounts) expect(byAccount.get(account)).toHaveLength(NAMES);
      for (const e of events) {
        const key = `${e.event.accountId}/${String(e.event.payload.userName).toLowerCase()}`;
        const winner = winners.get(key)!;
        const user = winner.body.User as { UserId: string };
        expect(user.UserId).toBe(e.event.payload.userId);
        expect(winner.body.ConsistencyToken).toBe(`${e.partition}:${e.offset}`);
      }
      if (process.env.SW_DEBUG) timeline([a, b, ...visitors]);
      // Partitions really moved while commands flowed: the visitors wrote some of them.
      expect(visitors.length).toBeGreaterThan(0);
      expect(visitors.some((v) => v.events.some((e) => e.type === 'committed'))).toBe(true);
    }, 180_000);
  });

  describe('a new owner resumes from the log', () => {
    const env = runEnv('sw-resume', PARTITIONS);
    const kafka = testKafka(`${env.IAM_KAFKA_CLIENT_ID}-reader`);
    const instances: WriterInstance[] = [];
    const account = '210987654321';

    afterAll(async () => {
      await Promise.all(instances.map((i) => i.close().catch(() => undefined)));
    }, 90_000);

    it('rebuilds state and the idempotency record from iam.events alone', async () => {
      const a = await startWriter(env, 'A');
      instances.push(a);
      await a.waitReady();
      const created: Record<string, { commandId: string; res: ApiResponse }> = {};
      for (const name of ['ann', 'bob', 'cyd', 'dee']) {
        const commandId = randomUUID();
        const res = await a.call('CreateUser', { UserName: name }, { account, commandId });
        expect(res.status).toBe(200);
        created[name] = { commandId, res };
      }
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
      });
      const put = await a.call(
        'PutUserPolicy',
        { UserName: 'ann', PolicyName: 'read', PolicyDocument: policy },
        { account, commandId: randomUUID() },
      );
      expect(put.status).toBe(200);
      // A command that produced no event: rejected, so nothing records it.
      const ghostKey = randomUUID();
      const ghost = await a.call(
        'PutUserPolicy',
        { UserName: 'ghost', PolicyName: 'p', PolicyDocument: policy },
        { account, commandId: ghostKey },
      );
      expect(ghost.body.Error).toMatchObject({ Code: 'NoSuchEntity' });
      await a.close();

      const before = (await readEvents(kafka, env.IAM_TOPIC_EVENTS!)).filter(
        (e) => e.event.accountId === account,
      );
      expect(before).toHaveLength(5);

      // B never saw any of it: everything it knows comes from the log.
      const b = await startWriter(env, 'B');
      instances.push(b);
      await b.waitReady();
      const ready = b.events.find((e) => e.type === 'ready' && e.partition === part(account));
      expect(ready).toMatchObject({ type: 'ready', events: 5 });

      const dup = await b.call('CreateUser', { UserName: 'BOB' }, { account });
      expect(dup).toMatchObject({ status: 409, body: { Error: { Code: 'EntityAlreadyExists' } } });

      // A retry of a committed command returns its first reply: same user, same token.
      const retried = await b.call(
        'CreateUser',
        { UserName: 'cyd' },
        {
          account,
          commandId: created.cyd.commandId,
        },
      );
      expect(retried.status).toBe(200);
      expect(retried.body.User).toEqual(created.cyd.res.body.User);
      expect(retried.body.ConsistencyToken).toBe(created.cyd.res.body.ConsistencyToken);

      // The rebuilt aggregate knows ann's user and inline policy.
      const again = await b.call(
        'PutUserPolicy',
        { UserName: 'Ann', PolicyName: 'read2', PolicyDocument: policy },
        { account },
      );
      expect(again.status).toBe(200);

      // A rejected command left nothing to remember: its retry is decided again (documented).
      await b.call('CreateUser', { UserName: 'ghost' }, { account });
      const ghostRetry = await b.call(
        'PutUserPolicy',
        { UserName: 'ghost', PolicyName: 'p', PolicyDocument: policy },
        { account, commandId: ghostKey },
      );
      expect(ghostRetry.status).toBe(200);

      const after = (await readEvents(kafka, env.IAM_TOPIC_EVENTS!)).filter(
        (e) => e.event.accountId === account,
      );
      // The retried CreateUser appended nothing: +PutUserPolicy, +CreateUser ghost, +ghost's policy.
      expect(after).toHaveLength(8);
      expect(after.filter((e) => e.event.commandId === created.cyd.commandId)).toHaveLength(1);
      checkEventInvariants(after, part);
    }, 120_000);
  });
});
