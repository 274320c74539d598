/* Spec helpers: a multi-account history on an embedded log, and the live projection of it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventEnvelope, IamEventType } from '@portcullis/contracts';
import { EmbeddedEventLog, type EventLog } from '@portcullis/event-log';
import { EmbeddedDeadLetters } from '../../dead-letters/embedded.dead-letters';
import { startProjection } from '../../start-projection';
import { allow, envelope, now, ProjectionFixture, random } from '../../testing/projection.fixture';
import { ListedMemoryReadModelStore } from '../read-model-snapshot';

export const ACCOUNTS = ['111111111111', '222222222222', '333333333333', '444444444444'];
const T0 = Date.parse('2026-03-01T00:00:00.000Z');

/**
 * A busy history over several accounts: users, groups, memberships, policies with versions,
 * attachments, inline policies, tags, access keys of users and of the root, renames with fan-out
 * (a group's members, a user's keys), deletes; plus, in the first account,
 * an event of an unknown type (the live projector parks it) and a repeated event (a retried
 * append: skipped). Events of all accounts are interleaved, and `occurredAt` is one second apart
 * in that order, so a time bound cuts across accounts.
 */
export function busyHistory(): EventEnvelope[] {
  const perAccount = ACCOUNTS.map((accountId, k) => {
    const f = new ProjectionFixture(accountId);
    const arn = (kind: string, name: string) => `arn:aws:iam::${accountId}:${kind}/${name}`;
    f.run((a) => a.createAccount({ accountName: `acct-${k}`, now }));
    // Key ids are global: each account's are its own.
    const keyId = (n: number) => `AKIA${accountId}${String(n).padStart(4, '0')}`;
    const key = (n: number) => ({ accessKeyId: keyId(n), sealedSecretAccessKey: `v1.k.${n}`, now });
    f.run((a) => a.createRootAccessKey(key(0)));
    f.policy('readers', allow('s3:GetObject'));
    f.run((a) =>
      a.createPolicyVersion({
        policyArn: arn('policy', 'readers'),
        policyDocument: allow('s3:Get*'),
        setAsDefault: true,
        now,
      }),
    );
    f.group('devs');
    f.group('ops');
    for (const name of ['alice', 'bob', 'carol']) {
      f.run((a) =>
        a.createUser({ userName: name, tags: [{ Key: 'team', Value: 'x' }], now, random }),
      );
      f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: name }));
    }
    f.run((a) => a.attachGroupPolicy({ groupName: 'devs', policyArn: arn('policy', 'readers') }));
    f.run((a) => a.createAccessKey({ userName: 'alice', ...key(1) }));
    f.run((a) => a.createAccessKey({ userName: 'bob', ...key(2) }));
    f.run((a) => a.createAccessKey({ userName: 'bob', ...key(3) }));
    f.run((a) =>
      a.putUserPolicy({ userName: 'alice', policyName: 'own', policyDocument: allow('sqs:*') }),
    );
    f.role('builder');
    f.run((a) => a.attachRolePolicy({ roleName: 'builder', policyArn: arn('policy', 'readers') }));
    f.run((a) => a.updateGroup({ groupName: 'devs', newGroupName: 'developers' }));
    f.run((a) => a.tagUser({ userName: 'bob', tags: [{ Key: 'level', Value: '2' }] }));
    f.run((a) => a.updateUser({ userName: 'bob', newUserName: 'robert', newPath: '/x/' }));
    f.run((a) =>
      a.updateAccessKey({ userName: 'robert', accessKeyId: keyId(2), status: 'Inactive' }),
    );
    f.run((a) => a.deleteAccessKey({ userName: 'robert', accessKeyId: keyId(3) }));
    f.run((a) => a.updateRootAccessKey({ accessKeyId: keyId(0), status: 'Inactive' }));
    f.run((a) => a.removeUserFromGroup({ groupName: 'developers', userName: 'carol' }));
    f.run((a) => a.deleteUser({ userName: 'carol' }));
    f.run((a) => a.deleteGroup({ groupName: 'ops' }));
    return f.events;
  });
  // Poison and a duplicate, in the first account (as the live projector meets them).
  const first = perAccount[0];
  const next = first.length + 1;
  first.push(envelope(next, 'iam.user-renamed.v9', { any: 1 }, ACCOUNTS[0]));
  first.push({ ...first[3] });
  first.push(
    envelope(
      next + 1,
      IamEventType.UserTagged,
      {
        userName: 'alice',
        userId: 'x',
        userArn: `arn:aws:iam::${ACCOUNTS[0]}:user/alice`,
        tags: [{ Key: 'late', Value: 'yes' }],
        resultingTags: [
          { Key: 'team', Value: 'x' },
          { Key: 'late', Value: 'yes' },
        ],
      },
      ACCOUNTS[0],
    ),
  );
  const out: EventEnvelope[] = [];
  for (let i = 0; perAccount.some((events) => i < events.length); i++) {
    for (const events of perAccount) if (i < events.length) out.push(events[i]);
  }
  return out.map((e, i) => ({ ...e, occurredAt: new Date(T0 + i * 1000).toISOString() }));
}

/** A fresh embedded log in a temporary folder. */
export function tempLog(partitionCount = 3): { log: EmbeddedEventLog; cleanup(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const log = new EmbeddedEventLog({ dir, partitionCount });
  return {
    log,
    async cleanup() {
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The live projector's result for everything in `log`, once it has caught up. */
export async function liveProjection(log: EventLog): Promise<ListedMemoryReadModelStore> {
  const store = new ListedMemoryReadModelStore();
  const running = await startProjection({
    log,
    store,
    deadLetters: new EmbeddedDeadLetters(),
    logger: { log() {}, warn() {}, error() {} },
  });
  try {
    const deadline = Date.now() + 5000;
    for (;;) {
      const ends = await log.endPositions();
      const next = new Map((await store.getCheckpoints()).map((c) => [c.partition, c.nextOffset]));
      if (ends.every((e) => e.offset === '0' || next.get(e.partition) === e.offset)) break;
      if (Date.now() > deadline) throw new Error('the live projection did not catch up');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await running.subscription.close();
  }
  return store;
}
