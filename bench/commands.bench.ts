/**
 * Command-side benchmark on the real broker: `npm run bench:commands` (tsx, no build step).
 *
 * (1) Throughput against latency: an in-process command service (the Kafka partition owners of
 *     apps/command-service: decide, then one transaction per chunk with events + replies + offsets)
 *     and a client that produces CreateUser commands to iam.commands and awaits the replies on
 *     iam.command-results (KafkaCommandGateway, the HTTP API's own path). Closed loop at several
 *     concurrency levels (commands in flight), spread over accounts in every partition; prints
 *     commands/s and p50/p99/max latency per level, and what the writers did (commands per
 *     transaction, transaction time).
 * (2) Time to ready: 100,000 events of one account, made by the real domain (CreateUser and
 *     PutUserPolicy decided in memory) and written onto a fresh events topic in transactions
 *     like the writer's; then a new owner starts and the clock runs until it has answered a
 *     command for that account. Also splits the rebuild into fetch+decode (kafkajs), JSON, apply.
 *
 * Options: --levels 1,16,64,256  --seconds 8  --warmup 2  --accounts 24  --partitions 6
 *          --events 100000  --ready-runs 3  --fetch-mb 1,4,16  --skip-throughput  --skip-ready  --json
 *          --verbose
 * Kafka: IAM_KAFKA_BROKERS (default 127.0.0.1:9092; `npm run services start kafka`).
 * Every run uses its own topics, groups and transactional ids (prefix bench-<time>).
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { CommandBus, ICommandHandler } from '@nestjs/cqrs';
import { randomBytes, randomUUID } from 'crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { cpus, loadavg } from 'os';
import { performance } from 'perf_hooks';
import type { CommandEnvelope, EventEnvelope } from '@portcullis/contracts';
import { KeyRing, ServiceSignature } from '@portcullis/credentials';
import { Account, type AccountEvent } from '@portcullis/domain';
import type { PortcullisConfig } from '@portcullis/platform';
import type { AccessKeyDirectory } from '../apps/command-service/src/authentication/access-key-directory.port';
import { RequestAuthenticator } from '../apps/command-service/src/authentication/request-authenticator';
import { SignedCommandAuthenticator } from '../apps/command-service/src/authentication/signed-command.authenticator';
import { decodeRecord, encodeEvent, KafkaEventLog, partitionFor } from '@portcullis/event-log';
import { loadAwsManagedPolicyCatalog } from '../libs/domain/aws-managed/aws-managed-policy.catalog';
import { AccountRepository } from '../apps/command-service/src/pipeline/account.repository';
import { COMMAND_HANDLERS } from '../apps/command-service/src/pipeline/command-catalog';
import { CommandProcessor } from '../apps/command-service/src/pipeline/command-processor';
import { ensureCommandTopics } from '../apps/command-service/src/pipeline/kafka/command-topics';
import {
  KafkaCommandConsumer,
  type WriterEvent,
} from '../apps/command-service/src/pipeline/kafka/kafka-command.consumer';
import { KafkaCommandGateway } from '../apps/command-service/src/pipeline/kafka/kafka.command-gateway';
import { replayPartition } from '../apps/command-service/src/pipeline/kafka/partition-replay';
import { Clock } from '../apps/command-service/src/shared/clock';

// ---- options ----------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const LEVELS = option('levels', '1,16,64,256').split(',').map(Number);
const SECONDS = Number(option('seconds', '8'));
const WARMUP = Number(option('warmup', '2'));
const ACCOUNTS = Number(option('accounts', '24'));
const PARTITIONS = Number(option('partitions', '6'));
const EVENTS = Number(option('events', '100000'));
const READY_RUNS = Number(option('ready-runs', '3'));
const FETCH_MB = option('fetch-mb', '1,4,16').split(',').map(Number);
const JSON_OUT = flag('json');
const BROKERS = (process.env.IAM_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const RUN = `bench-${Date.now().toString(36)}`;

const say = (line = '') => {
  if (!JSON_OUT) process.stdout.write(`${line}\n`);
};

function kafkaClient(clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: BROKERS,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { initialRetryTime: 20, maxRetryTime: 1000, retries: 8 },
  });
}

// ---- the command side, wired by hand (tsx emits no decorator metadata for Nest's DI) -----------

const catalog = loadAwsManagedPolicyCatalog();

interface Topics {
  events: string;
  commands: string;
  commandResults: string;
}

function topicsOf(prefix: string): Topics {
  return {
    events: `${prefix}.events`,
    commands: `${prefix}.commands`,
    commandResults: `${prefix}.command-results`,
  };
}

function commandSide(): { accounts: AccountRepository; processor: CommandProcessor } {
  const accounts = new AccountRepository(catalog);
  const clock = new Clock();
  const handlers = new Map<unknown, ICommandHandler>();
  for (const Handler of COMMAND_HANDLERS) {
    const command = Reflect.getMetadata('__commandHandler__', Handler);
    const make = Handler as unknown as new (a: AccountRepository, c: Clock) => ICommandHandler;
    handlers.set(command, new make(accounts, clock));
  }
  const bus = {
    execute: (command: object) => {
      const handler = handlers.get(command.constructor);
      if (!handler) throw new Error(`no handler for ${command.constructor.name}`);
      return handler.execute(command);
    },
  } as unknown as CommandBus;
  // The gateway below signs as a Portcullis service; the owners check that signature.
  const noKeys = { find: async () => null } as unknown as AccessKeyDirectory;
  const signed = new SignedCommandAuthenticator(
    SERVICE_SIGNATURE,
    new RequestAuthenticator(
      noKeys,
      null as never,
      null as never,
      {
        region: 'us-east-1',
      } as PortcullisConfig,
    ),
  );
  return {
    accounts,
    processor: new CommandProcessor(bus, accounts, clock, undefined, undefined, signed),
  };
}

/** The bench's own key ring: its gateways sign with it, its partition owners verify. */
const SERVICE_SIGNATURE = new ServiceSignature(
  KeyRing.parse(`bench:${randomBytes(32).toString('base64')}`),
);

interface Service {
  consumer: KafkaCommandConsumer;
  events: (WriterEvent & { at: number })[];
  started: Promise<void>;
  stop(): Promise<void>;
}

/** Partition owners as the command service runs them, in this process. */
function startService(kafka: Kafka, log: KafkaEventLog, topics: Topics, prefix: string): Service {
  const { accounts, processor } = commandSide();
  const consumer = new KafkaCommandConsumer(kafka, log, processor, accounts, {
    groupId: `${prefix}-command-service`,
    commandsTopic: topics.commands,
    commandResultsTopic: topics.commandResults,
    eventsTopic: topics.events,
    transactionalIdPrefix: `${prefix}-commands`,
  });
  const events: (WriterEvent & { at: number })[] = [];
  consumer.onEvent((e) => events.push({ ...e, at: performance.now() }));
  const started = consumer.start(() => undefined);
  return { consumer, events, started, stop: () => consumer.stop() };
}

async function createTopics(kafka: Kafka, admin: Admin, topics: Topics): Promise<KafkaEventLog> {
  const log = await KafkaEventLog.connect({
    kafka,
    topic: topics.events,
    partitionCount: PARTITIONS,
    connectTimeoutMs: 10_000,
  });
  await ensureCommandTopics(
    admin,
    { commands: topics.commands, commandResults: topics.commandResults },
    PARTITIONS,
  );
  return log;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// ---- statistics -------------------------------------------------------------------------------

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const median = (xs: number[]) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');

/** Twelve-digit accounts spread evenly over the partitions. */
function accountsOverPartitions(count: number): string[] {
  const perPartition = new Map<number, string[]>();
  for (let n = 300000000000; [...perPartition.values()].flat().length < count; n++) {
    const id = String(n);
    const p = partitionFor(id, PARTITIONS);
    const list = perPartition.get(p) ?? [];
    if (list.length < Math.ceil(count / PARTITIONS)) {
      list.push(id);
      perPartition.set(p, list);
    }
  }
  return [...perPartition.values()].flat().slice(0, count);
}

// ---- (1) throughput against latency -----------------------------------------------------------

interface LevelResult {
  inFlight: number;
  commands: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  transactions: number;
  /** sendOffsets retried on a coordinator answer, or a whole transaction sent again. */
  retries: number;
  commandsPerTransaction: number;
  transactionP50: number;
  /** CPU time of this process (client and service together) over wall time, in % of one core. */
  cpuPercent: number;
}

async function closedLoop(
  gateway: KafkaCommandGateway,
  inFlight: number,
  seconds: number,
  accounts: string[],
  tag: string,
): Promise<{ latencies: number[]; errors: number; elapsed: number; firstError?: string }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const accountId = accounts[(worker + i * inFlight) % accounts.length];
        const command: CommandEnvelope = {
          commandId: randomUUID(),
          accountId,
          actor: `arn:aws:iam::${accountId}:root`,
          action: 'CreateUser',
          input: { UserName: `${tag}-${worker}-${i}` },
        };
        const t = performance.now();
        const reply = await gateway.submit(command);
        latencies.push(performance.now() - t);
        if (!reply.ok) {
          errors++;
          firstError ??= `${reply.error.Code}: ${reply.error.Message}`;
        }
      }
    }),
  );
  return { latencies, errors, elapsed: (performance.now() - start) / 1000, firstError };
}

async function throughput(): Promise<LevelResult[]> {
  const prefix = `${RUN}-tp`;
  const topics = topicsOf(prefix);
  const kafka = kafkaClient(`${prefix}-service`);
  const admin = kafka.admin();
  await admin.connect();
  const log = await createTopics(kafka, admin, topics);
  const service = startService(kafka, log, topics, prefix);
  await service.started;
  await until(
    () => service.consumer.readyPartitions().length === PARTITIONS,
    60_000,
    'owners ready',
  );
  const gateway = new KafkaCommandGateway(
    kafkaClient(`${prefix}-client`),
    topics,
    SERVICE_SIGNATURE,
    30_000,
  );
  await gateway.start();
  const accounts = accountsOverPartitions(ACCOUNTS);
  say(
    `\n(1) CreateUser through iam.commands → iam.command-results, ${ACCOUNTS} accounts over ${PARTITIONS} partitions, closed loop, ${SECONDS} s per level after ${WARMUP} s warm-up`,
  );
  say(
    '  in flight   commands/s      p50 ms    p99 ms    max ms   errors   cmds/tx   tx p50 ms   retries',
  );
  const results: LevelResult[] = [];
  try {
    for (const inFlight of LEVELS) {
      await closedLoop(gateway, inFlight, WARMUP, accounts, `w${inFlight}`);
      const from = service.events.length;
      const cpu = process.cpuUsage();
      const run = await closedLoop(gateway, inFlight, SECONDS, accounts, `m${inFlight}`);
      const used = process.cpuUsage(cpu);
      const retries = service.events.slice(from).filter((e) => e.type === 'retry').length;
      const commits = service.events
        .slice(from)
        .filter(
          (e): e is Extract<WriterEvent, { type: 'committed' }> & { at: number } =>
            e.type === 'committed',
        );
      const sorted = run.latencies.sort((a, b) => a - b);
      const result: LevelResult = {
        inFlight,
        commands: sorted.length,
        seconds: run.elapsed,
        perSecond: sorted.length / run.elapsed,
        p50: quantile(sorted, 0.5),
        p99: quantile(sorted, 0.99),
        max: sorted[sorted.length - 1],
        errors: run.errors,
        transactions: commits.length,
        retries,
        commandsPerTransaction:
          commits.reduce((s, c) => s + c.commands, 0) / Math.max(1, commits.length),
        transactionP50: median(commits.map((c) => c.ms)),
        cpuPercent: ((used.user + used.system) / 1000 / (run.elapsed * 1000)) * 100,
      };
      results.push(result);
      say(
        `  ${String(inFlight).padStart(9)}   ${result.perSecond.toFixed(0).padStart(10)}   ${ms(result.p50).padStart(9)} ${ms(result.p99).padStart(9)} ${ms(result.max).padStart(9)}   ${String(result.errors).padStart(6)}   ${result.commandsPerTransaction.toFixed(1).padStart(7)}   ${ms(result.transactionP50).padStart(9)}   ${String(result.retries).padStart(7)}   ${result.cpuPercent.toFixed(0).padStart(6)}%`,
      );
      if (run.firstError) say(`      first error: ${run.firstError}`);
    }
  } finally {
    await gateway.stop();
    await service.stop();
    await log.close();
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    await admin.disconnect();
  }
  say('\n  throughput vs latency (p99):');
  const top = Math.max(...results.map((r) => r.perSecond));
  for (const r of results) {
    const bar = '#'.repeat(Math.max(1, Math.round((r.perSecond / top) * 40)));
    say(
      `  ${String(r.inFlight).padStart(4)} in flight | ${bar.padEnd(40)} ${r.perSecond.toFixed(0)}/s @ p99 ${ms(r.p99)} ms`,
    );
  }
  return results;
}

// ---- (2) time to ready ------------------------------------------------------------------------

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'],
    },
  ],
});

/** `count` events of one account, decided by the real domain (4 CreateUser : 1 PutUserPolicy). */
async function makeHistory(accountId: string, count: number): Promise<EventEnvelope[]> {
  const { processor } = commandSide();
  const out: EventEnvelope[] = [];
  for (let i = 0; out.length < count; i++) {
    const input =
      i % 5 === 4
        ? { UserName: `user-${i - 1}`, PolicyName: 'read-reports', PolicyDocument: POLICY }
        : { UserName: `user-${i}`, Path: '/engineering/' };
    const decision = await processor.decide({
      commandId: randomUUID(),
      accountId,
      actor: `arn:aws:iam::${accountId}:root`,
      action: i % 5 === 4 ? 'PutUserPolicy' : 'CreateUser',
      input,
    });
    if (decision.kind !== 'accepted') throw new Error(`history: ${JSON.stringify(decision)}`);
    out.push(...decision.events);
  }
  return out.slice(0, count);
}

/** Writes the events as the writer does: in transactions, key = account, the same record layout. */
async function writeHistory(kafka: Kafka, topic: string, events: EventEnvelope[]): Promise<void> {
  const partition = partitionFor(events[0].accountId, PARTITIONS);
  const producer = kafka.producer({
    transactionalId: `${topic}-history`,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    for (let i = 0; i < events.length; i += 500) {
      const tx = await producer.transaction();
      await tx.send({
        topic,
        messages: events.slice(i, i + 500).map((e) => encodeEvent(e, partition)),
      });
      await tx.commit();
    }
  } finally {
    await producer.disconnect();
  }
}

interface ReadyResult {
  ms: number;
  fenceMs: number;
  offsetsMs: number;
  replayMs: number;
  events: number;
}

async function timeToReady(): Promise<{ runs: ReadyResult[]; profile: Record<string, number> }> {
  const prefix = `${RUN}-ready`;
  const topics = topicsOf(prefix);
  const kafka = kafkaClient(`${prefix}-service`);
  const admin = kafka.admin();
  await admin.connect();
  const log = await createTopics(kafka, admin, topics);
  const accountId = '424242424242';
  const partition = partitionFor(accountId, PARTITIONS);
  say(
    `\n(2) Time to ready: ${EVENTS.toLocaleString('en')} events of account ${accountId} (partition ${partition})`,
  );
  let t = performance.now();
  const history = await makeHistory(accountId, EVENTS);
  const bytes = history.reduce((s, e) => s + JSON.stringify(e).length, 0);
  say(
    `  history decided by the domain in ${((performance.now() - t) / 1000).toFixed(1)} s (${(bytes / history.length).toFixed(0)} bytes per event, ${(bytes / 1e6).toFixed(1)} MB)`,
  );
  t = performance.now();
  await writeHistory(kafka, topics.events, history);
  say(`  written in ${((performance.now() - t) / 1000).toFixed(1)} s (transactions of 500)`);

  const gateway = new KafkaCommandGateway(
    kafkaClient(`${prefix}-client`),
    topics,
    SERVICE_SIGNATURE,
    60_000,
  );
  await gateway.start();
  const runs: ReadyResult[] = [];
  say('  run   ready (answered) ms   fence ms   offsets ms   replay ms   events replayed');
  try {
    for (let run = 1; run <= READY_RUNS; run++) {
      // A new owner: fresh memory, same group and transactional ids as the one before it.
      const t0 = performance.now();
      const service = startService(kafka, log, topics, prefix);
      const reply = await gateway.submit({
        commandId: randomUUID(),
        accountId,
        actor: `arn:aws:iam::${accountId}:root`,
        action: 'CreateUser',
        input: { UserName: `after-rebuild-${run}` },
      });
      const elapsed = performance.now() - t0;
      if (!reply.ok) throw new Error(`no good reply: ${JSON.stringify(reply)}`);
      const ready = service.events.find(
        (e): e is Extract<WriterEvent, { type: 'ready' }> & { at: number } =>
          e.type === 'ready' && e.partition === partition,
      );
      await service.started;
      await service.stop();
      const r: ReadyResult = {
        ms: elapsed,
        fenceMs: ready?.ms.fence ?? NaN,
        offsetsMs: ready?.ms.offsets ?? NaN,
        replayMs: ready?.ms.replay ?? NaN,
        events: ready?.events ?? 0,
      };
      runs.push(r);
      say(
        `  ${String(run).padStart(3)}   ${ms(r.ms).padStart(19)}   ${ms(r.fenceMs).padStart(8)}   ${ms(r.offsetsMs).padStart(10)}   ${ms(r.replayMs).padStart(9)}   ${String(r.events).padStart(15)}`,
      );
    }
    say(`  median ready: ${ms(median(runs.map((r) => r.ms)))} ms`);
  } finally {
    await gateway.stop();
  }

  // Where a rebuild's time goes: the same partition read three ways.
  const end = BigInt(
    (await admin.fetchTopicOffsets(topics.events)).find((o) => o.partition === partition)!.offset,
  );
  const profile: Record<string, number> = {};
  const read = async (
    what: string,
    onRecords: Parameters<typeof replayPartition>[0]['onRecords'],
    maxBytesPerPartition?: number,
  ) => {
    const s = performance.now();
    await replayPartition({
      kafka,
      topic: topics.events,
      partition,
      end,
      groupPrefix: `${prefix}.profile`,
      cancelled: () => false,
      onRecords,
      maxBytesPerPartition,
    });
    profile[what] = performance.now() - s;
  };
  for (const mb of FETCH_MB) {
    await read(`fetch + kafkajs decode, ${mb} MB fetches`, () => undefined, mb * 1024 * 1024);
  }
  await read("fetch + kafkajs decode, the writer's fetch size", () => undefined);
  await read('+ JSON.parse', (messages) => {
    for (const m of messages) JSON.parse(m.value!.toString('utf8'));
  });
  await read('+ envelope checks (decodeRecord)', (messages) => {
    for (const m of messages) decodeRecord(m, partition);
  });
  const aggregates = new Map<string, Account>();
  await read('+ Account.apply only', (messages) => {
    for (const m of messages) {
      const d = decodeRecord(m, partition);
      if (!('event' in d)) throw d;
      const { accountId, type, sequence, payload } = d.event;
      let account = aggregates.get(accountId);
      if (!account)
        aggregates.set(
          accountId,
          (account = Account.create(accountId, { awsManagedPolicies: catalog })),
        );
      account.apply({ type, sequence, payload } as AccountEvent);
    }
  });
  const { accounts } = commandSide();
  await read('+ applyFromLog (aggregate + idempotency record)', (messages) => {
    for (const m of messages) {
      const d = decodeRecord(m, partition);
      if (!('event' in d)) throw d;
      accounts.applyFromLog(d.event, d.position);
    }
  });
  say('  where the rebuild goes (one read of the partition each, cumulative):');
  for (const [what, value] of Object.entries(profile))
    say(`    ${what.padEnd(50)} ${ms(value).padStart(8)} ms`);

  await log.close();
  await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
  await admin.disconnect();
  return { runs, profile };
}

async function main(): Promise<void> {
  if (!flag('verbose')) Logger.overrideLogger(['error']);
  say(`bench:commands — ${new Date().toISOString()}`);
  say(
    `  node ${process.version}, ${cpus().length} CPU(s) ${cpus()[0]?.model ?? ''}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  say(`  Kafka ${BROKERS.join(',')}; broker, service and client share this machine`);
  const out: Record<string, unknown> = { run: RUN, cpus: cpus().length, loadavg: loadavg() };
  if (!flag('skip-throughput')) out.throughput = await throughput();
  if (!flag('skip-ready')) out.ready = await timeToReady();
  if (JSON_OUT) process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
