import { Command } from 'commander';
import { MongoClient } from 'mongodb';
import { decodeConsistencyToken } from '@portcullis/contracts';
import { KafkaEventLog } from '@portcullis/event-log';
import { createKafkaClient, loadConfig } from '@portcullis/platform';
import { MongoReadModelStore } from '@portcullis/read-models';
import { CliInputError, EXIT } from '../../apps/cli/src/cli-io';
import { registerReplayCommands } from '../../apps/cli/src/replay/replay.command';
import { captureIo } from '../../apps/cli/src/testing/cli-fixtures';
import {
  MongoReadModelSnapshot,
  noEventsBetweenIn,
  type ReadModelSnapshot,
  verifyReadModels,
} from '../../apps/projector/src/replay';
import { freshDatabaseName, mongoUri, uniqueName, isolatedServiceEnv } from '../setup/backends';
import { type Harness, startPortcullis } from '../support/portcullis-harness';

const ACCOUNT = '123456789012';
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const allow = (action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

/**
 * Replay on the real services: commands through the running service (HTTP → Kafka transaction →
 * live projector → FerretDB/MongoDB), then `portcullis replay` rebuilds the read models from
 * the topic into fresh databases: the whole log reproduces the live read models exactly, and a
 * replay to a mid-way token reproduces what they were when that token's write was projected.
 */
describe('replay on real Kafka and MongoDB/FerretDB', () => {
  const run = uniqueName('replay');
  const live = freshDatabaseName('replay_live');
  const full = freshDatabaseName('replay_full');
  const midway = freshDatabaseName('replay_mid');
  const env = isolatedServiceEnv(run, live);
  let harness: Harness;
  let client: MongoClient;
  let liveStore: MongoReadModelStore;

  beforeAll(async () => {
    harness = await startPortcullis(env);
    client = await MongoClient.connect(mongoUri());
    liveStore = await MongoReadModelStore.connect(mongoUri(), { database: live });
  });
  afterAll(async () => {
    await harness?.close();
    await liveStore?.close();
    for (const db of [live, full, midway]) await client?.db(db).dropDatabase();
    await client?.close();
  });

  /** Runs `portcullis replay …` with this test's environment. */
  async function cli(args: string[], overrides: NodeJS.ProcessEnv = {}) {
    const io = captureIo();
    let exit: number = EXIT.ok;
    const program = new Command('portcullis').exitOverride();
    registerReplayCommands(program, io, (code) => (exit = code), {
      env: { ...env, ...overrides },
      stderrIsTTY: false,
    });
    try {
      await program.parseAsync(args, { from: 'user' });
    } catch (error) {
      // What runCli does with an input error: one line on stderr, exit 2.
      if (!(error instanceof CliInputError)) throw error;
      io.err(`error: ${error.message}`);
      exit = EXIT.badInput;
    }
    return { io, exit };
  }

  async function call(action: string, body: Record<string, unknown>): Promise<string> {
    const res = await harness.call(action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.ConsistencyToken as string;
  }

  /** Until the live checkpoints have passed every position of `token`. */
  async function projected(token: string): Promise<void> {
    const wanted = decodeConsistencyToken(token);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const next = new Map(
        (await liveStore.getCheckpoints()).map((c) => [c.partition, BigInt(c.nextOffset)]),
      );
      if (wanted.every((p) => (next.get(p.partition) ?? 0n) > BigInt(p.offset))) return;
      if (Date.now() > deadline) throw new Error(`the live projection did not reach ${token}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** What the live database holds now, kept in memory. */
  async function frozen(): Promise<ReadModelSnapshot> {
    const source = new MongoReadModelSnapshot('live then', client.db(live), liveStore);
    const [principal, group, groupMembers, policy, accessKey, accounts, checkpoints] =
      await Promise.all([
        source.documents('principal'),
        source.documents('group'),
        source.documents('groupMembers'),
        source.documents('policy'),
        source.documents('accessKey'),
        source.accountSequences(),
        source.checkpoints(),
      ]);
    const docs = { principal, group, groupMembers, policy, accessKey };
    return {
      label: 'live then',
      documents: async (kind) => docs[kind] as never,
      accountSequences: async () => accounts,
      checkpoints: async () => checkpoints,
    };
  }

  it('rebuilds the live read models exactly, and as they were at a mid-way token', async () => {
    // First half: policies with versions, groups, users with tags, memberships, attachments.
    await call('CreatePolicy', { PolicyName: 'readers', PolicyDocument: allow('s3:GetObject') });
    await call('CreatePolicyVersion', {
      PolicyArn: arn('policy', 'readers'),
      PolicyDocument: allow('s3:Get*'),
      SetAsDefault: true,
    });
    await call('CreateGroup', { GroupName: 'devs' });
    await call('AttachGroupPolicy', { GroupName: 'devs', PolicyArn: arn('policy', 'readers') });
    for (const name of ['alice', 'bob', 'carol']) {
      await call('CreateUser', { UserName: name, Tags: [{ Key: 'team', Value: 'blue' }] });
      await call('AddUserToGroup', { GroupName: 'devs', UserName: name });
    }
    await call('AttachUserPolicy', {
      UserName: 'alice',
      PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    });
    const midToken = await call('PutUserPolicy', {
      UserName: 'bob',
      PolicyName: 'queues',
      PolicyDocument: allow('sqs:*'),
    });
    await projected(midToken);
    const then = await frozen();

    // Second half: roles, a boundary, a group rename (fan-out to members), untag, deletes.
    await call('CreateRole', { RoleName: 'builder', AssumeRolePolicyDocument: TRUST });
    await call('AttachRolePolicy', { RoleName: 'builder', PolicyArn: arn('policy', 'readers') });
    await call('PutUserPermissionsBoundary', {
      UserName: 'alice',
      PermissionsBoundary: arn('policy', 'readers'),
    });
    await call('UpdateGroup', { GroupName: 'devs', NewGroupName: 'developers' });
    await call('UntagUser', { UserName: 'carol', TagKeys: ['team'] });
    await call('RemoveUserFromGroup', { GroupName: 'developers', UserName: 'carol' });
    const lastToken = await call('DeleteUser', { UserName: 'carol' });
    await projected(lastToken);

    // The whole log: equal to the live read models, document by document.
    const replayed = await cli(['replay', '--into', full]);
    expect(replayed.io.stderr).toEqual([
      `replaying Kafka ${env.IAM_KAFKA_BROKERS} topic ${env.IAM_TOPIC_EVENTS} to the end of the log into ${full}`,
    ]);
    expect(replayed.exit).toBe(EXIT.ok);
    expect(replayed.io.stdout[0]).toMatch(
      new RegExp(
        `^replayed \\d+ events into ${full} .*: 3 principals, 1 groups, 1 group member lists, 2 managed policies, 1 access keys; 2 accounts$`,
      ),
    );
    const verified = await cli(['replay', 'verify', full]);
    expect(verified.io.stdout.at(-1)).toMatch(/^no differences \(3 principals, 1 groups, /);
    expect(verified.exit).toBe(EXIT.ok);

    // To the mid-way token: what the live read models were when it had been projected.
    const mid = await cli(['replay', '--into', midway, '--to', midToken, '--json']);
    expect(mid.exit).toBe(EXIT.ok);
    expect(JSON.parse(mid.io.stdout[0])).toMatchObject({ position: midToken, skipped: [] });
    const midStore = await MongoReadModelStore.connect(mongoUri(), { database: midway });
    const config = loadConfig(env);
    const log = await KafkaEventLog.connect({
      kafka: createKafkaClient(config),
      topic: config.kafka.eventsTopic,
    });
    try {
      const diff = await verifyReadModels(
        then,
        new MongoReadModelSnapshot('replay', client.db(midway), midStore),
        { noEventsBetween: noEventsBetweenIn(log) },
      );
      expect(diff.differences).toEqual([]);
      // Accounts: the test's and the management account (bootstrapped at start).
      expect(diff.compared).toMatchObject({ principal: 3, group: 1, groupMembers: 1, account: 2 });
    } finally {
      await midStore.close();
      await log.close();
    }

    // And the mid-way replay is not the present: verify against live tells the differences.
    const behind = await cli(['replay', 'verify', midway]);
    expect(behind.exit).toBe(EXIT.failed);
    expect(behind.io.stdout).toContain(
      `principal ${arn('user', 'carol')}: only in replay (missing from live)`,
    );
  });

  it('refuses an events topic that does not exist, and creates none', async () => {
    const missing = `${run}.no-such-events`;
    const result = await cli(['replay', '--into', freshDatabaseName('replay_none'), '--quiet'], {
      IAM_TOPIC_EVENTS: missing,
    });
    expect(result.exit).toBe(EXIT.badInput);
    expect(result.io.stderr.join('\n')).toContain(`no topic ${missing}`);
    const admin = createKafkaClient(loadConfig(env)).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).not.toContain(missing);
    } finally {
      await admin.disconnect();
    }
  });
});
