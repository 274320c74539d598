// Helpers of the single-writer specs (test/e2e/single-writer*.int-spec.ts): command-service
// instances started in this process on one run's topics, whose Kafka connections a test can cut
// (the broker then sees exactly what it sees when a process dies: silence), plus readers that
// read a whole topic back, committed or not.
import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { spawn } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import { Kafka, KafkaMessage, logLevel, Producer, type ISocketFactory } from 'kafkajs';
import * as net from 'net';
import * as path from 'path';
import type { CommandReply, EventEnvelope } from '@portcullis/contracts';
import { KafkaEventLog } from '@portcullis/event-log';
import {
  Backends,
  loadConfig,
  PlatformModule,
  startService,
  type PortcullisConfig,
} from '@portcullis/platform';
import { MemoryReadModelStore } from '@portcullis/read-models';
import { CommandServiceModule } from '../../apps/command-service/src/command-service.module';
import { CommandSideLifecycle } from '../../apps/command-service/src/command-side.lifecycle';
import { configureHttpApi } from '../../apps/command-service/src/http/configure-http-api';
import type {
  KafkaCommandConsumer,
  WriterEvent,
} from '../../apps/command-service/src/pipeline/kafka/kafka-command.consumer';
import { replayPartition } from '../../apps/command-service/src/pipeline/kafka/partition-replay';
import { kafkaBrokers, uniqueName } from '../setup/backends';
import { freePort } from '../support/free-port';
import {
  bootstrapEnv,
  callApi,
  mintCredentials,
  signedCommandHeaders,
  type Credentials,
} from '../support/test-credentials';

/** Environment of one run: its own topics, consumer groups and transactional ids. */
export function runEnv(prefix: string, partitions = 3): NodeJS.ProcessEnv {
  const run = uniqueName(prefix);
  return {
    IAM_KAFKA_BROKERS: kafkaBrokers().join(','),
    IAM_KAFKA_CLIENT_ID: run,
    IAM_TOPIC_EVENTS: `${run}.events`,
    IAM_TOPIC_COMMANDS: `${run}.commands`,
    IAM_TOPIC_COMMAND_RESULTS: `${run}.command-results`,
    IAM_TOPIC_EVENTS_DLQ: `${run}.events.dlq`,
    IAM_PARTITIONS: String(partitions),
    IAM_LOG_LEVEL: process.env.SINGLE_WRITER_LOGS ? 'log' : 'silent',
    // Shared by the run's instances (they verify each other's signed commands) and its clients.
    IAM_KEY_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    ...bootstrapEnv(),
  };
}

/** Sockets a test can cut: existing ones are destroyed, new ones are refused, until restored. */
export class CuttableNetwork {
  private readonly sockets = new Set<net.Socket>();
  private isCut = false;

  readonly factory: ISocketFactory = ({ host, port, onConnect }) => {
    // Port 1 refuses: kafkajs sees what it sees when the broker is unreachable.
    const socket = this.isCut
      ? net.connect({ host: '127.0.0.1', port: 1 }, onConnect)
      : net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  };

  cut(): void {
    this.isCut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.isCut = false;
  }

  get cutOff(): boolean {
    return this.isCut;
  }
}

@Module({})
class CommandServiceTestApp {
  static register(backends: Backends): DynamicModule {
    return {
      module: CommandServiceTestApp,
      imports: [PlatformModule.forRoot(backends), CommandServiceModule],
    };
  }
}

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface WriterInstance {
  name: string;
  app: INestApplication;
  config: PortcullisConfig;
  consumer: KafkaCommandConsumer;
  /** Everything its partition writers reported, in order. */
  events: (WriterEvent & { at: number })[];
  network: CuttableNetwork;
  /** `POST /v1/{action}` on this instance's HTTP API. */
  call(
    action: string,
    body: unknown,
    opts: { account: string; commandId?: string },
  ): Promise<ApiResponse>;
  /** Resolves once the instance writes every one of `partitions` (default: its whole assignment). */
  waitReady(partitions?: number[], timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A command-service instance (HTTP API, Kafka gateway and partition owner) in this process.
 * Instances of one `env` share the consumer group and the transactional ids: they divide the
 * partitions between them as separate processes would.
 */
export async function startWriter(env: NodeJS.ProcessEnv, name: string): Promise<WriterInstance> {
  const http = await freePort();
  const config = loadConfig({ ...env, IAM_HTTP_PORT: String(http) });
  const network = new CuttableNetwork();
  const kafka = new Kafka({
    clientId: config.kafka.clientId,
    brokers: config.kafka.brokers ?? [],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { initialRetryTime: 20, maxRetryTime: 1000, retries: 8 },
    socketFactory: network.factory,
  });
  const eventLog = await KafkaEventLog.connect({
    kafka,
    topic: config.kafka.eventsTopic,
    partitionCount: config.kafka.partitions,
    groupId: `${config.kafka.clientId}.projector`,
    connectTimeoutMs: 10_000,
  });
  const readModels = new MemoryReadModelStore();
  const backends: Backends = {
    config,
    eventLog,
    readModels,
    kafka,
    description: `test instance ${name}`,
    checks: [],
    close: async () => {
      await eventLog.close().catch(() => undefined);
      await readModels.close().catch(() => undefined);
    },
  };
  const app = await startService(
    {
      name: `command-service-${name}`,
      module: (b) => CommandServiceTestApp.register(b),
      configure: configureHttpApi,
    },
    config,
    backends,
  );
  const consumer = app.get(CommandSideLifecycle).kafkaConsumer;
  if (!consumer) throw new Error('no Kafka command consumer');
  const events: (WriterEvent & { at: number })[] = [];
  consumer.onEvent((e) => events.push({ ...e, at: Date.now() }));
  const url = `http://127.0.0.1:${http}`;
  const minted = new Map<string, Credentials>();
  let closed = false;
  return {
    name,
    app,
    config,
    consumer,
    events,
    network,
    async call(action, body, { account, commandId }) {
      const root = `arn:aws:iam::${account}:root`;
      let credentials = minted.get(root);
      if (!credentials) {
        credentials = mintCredentials(env, root);
        minted.set(root, credentials);
      }
      const res = await callApi(url, action, body, {
        credentials,
        ...(commandId ? { commandId } : {}),
      });
      return { status: res.status, body: res.body };
    },
    async waitReady(partitions, timeoutMs = 60_000) {
      await waitFor(
        () => {
          const want = partitions ?? consumer.assignment;
          const ready = new Set(consumer.readyPartitions());
          return want.length > 0 && want.every((p) => ready.has(p));
        },
        timeoutMs,
        `${name} ready`,
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      const t0 = Date.now();
      await app.close();
      if (process.env.SW_DEBUG) console.log(`${name} closed in ${Date.now() - t0} ms`);
    },
  };
}

export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function testKafka(clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { initialRetryTime: 20, maxRetryTime: 1000, retries: 8 },
  });
}

export interface LoggedRecord {
  partition: number;
  offset: string;
  message: KafkaMessage;
}

/**
 * Every record of `topic` up to its current end: read-committed (up to the last stable offset)
 * or, with `readUncommitted`, aborted and open transactions' records too (up to the high watermark).
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  opts: { readUncommitted?: boolean } = {},
): Promise<LoggedRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: { partition: number; offset: string; high: string }[];
  try {
    ends = await admin.fetchTopicOffsets(topic);
  } finally {
    await admin.disconnect();
  }
  const out: LoggedRecord[] = [];
  for (const { partition, offset, high } of ends.sort((a, b) => a.partition - b.partition)) {
    await replayPartition({
      kafka,
      topic,
      partition,
      end: BigInt(opts.readUncommitted ? high : offset),
      groupPrefix: `${topic}.test-reader`,
      readUncommitted: opts.readUncommitted,
      cancelled: () => false,
      onRecords: (messages) => {
        for (const message of messages) out.push({ partition, offset: message.offset, message });
      },
    });
  }
  return out;
}

export interface LoggedEvent {
  partition: number;
  offset: string;
  event: EventEnvelope<Record<string, unknown>>;
}

export async function readEvents(
  kafka: Kafka,
  topic: string,
  opts: { readUncommitted?: boolean } = {},
): Promise<LoggedEvent[]> {
  return (await readTopic(kafka, topic, opts)).map(({ partition, offset, message }) => ({
    partition,
    offset,
    event: JSON.parse(message.value!.toString('utf8')) as EventEnvelope<Record<string, unknown>>,
  }));
}

export async function readReplies(kafka: Kafka, topic: string): Promise<CommandReply[]> {
  return (await readTopic(kafka, topic)).map(
    ({ message }) => JSON.parse(message.value!.toString('utf8')) as CommandReply,
  );
}

/**
 * Checks what the single writer promises about the events of the log: per account, sequences
 * 1..n without gap or repeat, user names unique (case-insensitively), every event in its
 * account's partition. Returns the events by account.
 */
export function checkEventInvariants(
  events: LoggedEvent[],
  partitionFor: (accountId: string) => number,
): Map<string, LoggedEvent[]> {
  const byAccount = new Map<string, LoggedEvent[]>();
  for (const e of events) {
    const list = byAccount.get(e.event.accountId) ?? [];
    list.push(e);
    byAccount.set(e.event.accountId, list);
  }
  for (const [account, list] of byAccount) {
    for (const e of list) {
      if (e.partition !== partitionFor(account))
        throw new Error(`event of ${account} in partition ${e.partition}`);
    }
    const sequences = list.map((e) => e.event.sequence);
    const expected = list.map((_, i) => i + 1);
    if (JSON.stringify(sequences) !== JSON.stringify(expected)) {
      throw new Error(
        `account ${account}: sequences ${sequences.join(',')} are not 1..${list.length}`,
      );
    }
    const names = list
      .filter((e) => e.event.type === 'iam.user-created.v1')
      .map((e) => String(e.event.payload.userName).toLowerCase());
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw new Error(`account ${account}: user ${dup} created twice`);
  }
  return byAccount;
}

/** A client of the Kafka transport as any microservice would be: commands in, replies out. */
export class KafkaCommandClient {
  readonly replies = new Map<string, CommandReply[]>();
  private producer: Producer;
  private readonly consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.consumer = kafka.consumer({
      groupId: uniqueName('sw-client'),
      maxWaitTimeInMs: 50,
      readUncommitted: false,
    });
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: this.env.IAM_TOPIC_COMMAND_RESULTS!,
      fromBeginning: true,
    });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const reply = JSON.parse(message.value!.toString('utf8')) as CommandReply;
        const list = this.replies.get(reply.correlationId) ?? [];
        list.push(reply);
        this.replies.set(reply.correlationId, list);
      },
    });
  }

  async send(
    commands: { accountId: string; action: string; input: unknown; commandId?: string }[],
  ): Promise<string[]> {
    const envelopes = commands.map((c) => ({
      commandId: c.commandId ?? randomUUID(),
      correlationId: randomUUID(),
      accountId: c.accountId,
      actor: `arn:aws:iam::${c.accountId}:root`,
      action: c.action,
      input: c.input,
    }));
    const messages = await Promise.all(
      envelopes.map(async (e) => {
        const value = JSON.stringify(e);
        // Signed as the account's root, as another microservice holding its credentials would.
        const headers = await signedCommandHeaders(value, this.credentialsOf(e.actor));
        return { key: e.accountId, value, headers };
      }),
    );
    await this.producer.send({ topic: this.env.IAM_TOPIC_COMMANDS!, messages });
    return envelopes.map((e) => e.correlationId);
  }

  private readonly minted = new Map<string, Credentials>();
  private credentialsOf(actor: string): Credentials {
    let credentials = this.minted.get(actor);
    if (!credentials) {
      credentials = mintCredentials(this.env, actor);
      this.minted.set(actor, credentials);
    }
    return credentials;
  }

  async waitReplies(correlationIds: string[], timeoutMs: number): Promise<void> {
    await waitFor(
      () => correlationIds.every((id) => this.replies.has(id)),
      timeoutMs,
      `${correlationIds.filter((id) => !this.replies.has(id)).length} replies`,
      100,
    );
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }
}

/** Twelve-digit account ids, one per partition of `partitions` (so every partition is used). */
export function accountsCoveringPartitions(
  partitions: number,
  partitionFor: (accountId: string) => number,
): string[] {
  const found = new Map<number, string>();
  for (let n = 100000000000; found.size < partitions; n++) {
    const id = String(n);
    const p = partitionFor(id);
    if (!found.has(p)) found.set(p, id);
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
}

/** With SW_DEBUG set: what each instance's writers did, in ms from the first event. */
export function timeline(instances: WriterInstance[]): void {
  const t0 = Math.min(...instances.flatMap((i) => i.events.map((e) => e.at)));
  for (const i of instances) {
    const lines = i.events
      .filter((e) => e.type !== 'committed')
      .map((e) => {
        const detail = 'reason' in e ? e.reason : 'error' in e ? e.error : '';
        return `${e.at - t0}ms ${e.type} p${e.partition}${detail ? ` (${detail.slice(0, 120)})` : ''}`;
      });
    const commits = i.events.filter((e) => e.type === 'committed').length;
    console.log(`${i.name}: ${commits} commits\n  ${lines.join('\n  ')}`);
  }
}

export type ChildMessage =
  | { type: 'ready'; assignment: number[] }
  | { type: 'writer'; at: number; event: WriterEvent }
  | { type: 'dying'; at: number; partition: number; offsets: { first: string; last: string } }
  | { type: 'failed'; error: string };

export interface ChildWriter {
  messages: ChildMessage[];
  /** Resolves with the signal that ended it (SIGKILL when it killed itself). */
  exited: Promise<NodeJS.Signals | null>;
  waitFor<T extends ChildMessage['type']>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<ChildMessage, { type: T }>>;
  kill(): void;
}

/**
 * A command-service instance in a child process (single-writer-child.ts), to be killed for real:
 * with `killAtTransaction: n` it SIGKILLs itself inside its n-th transaction.
 */
export function spawnWriter(
  env: NodeJS.ProcessEnv,
  name: string,
  opts: { killAtTransaction?: number } = {},
): ChildWriter {
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(__dirname, 'single-writer-child.register.js'),
      path.join(__dirname, 'single-writer-child.ts'),
    ],
    {
      env: {
        ...process.env,
        ...env,
        SW_CHILD_NAME: name,
        SW_KILL_AT_TRANSACTION: String(opts.killAtTransaction ?? 0),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const messages: ChildMessage[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      try {
        messages.push(JSON.parse(line) as ChildMessage);
      } catch {
        // not one of ours
      }
    }
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  return {
    messages,
    exited,
    async waitFor(type, timeoutMs) {
      await waitFor(
        () => messages.some((m) => m.type === type || m.type === 'failed'),
        timeoutMs,
        `child ${name}: ${type}`,
      );
      const failed = messages.find((m) => m.type === 'failed');
      if (failed && type !== 'failed')
        throw new Error(`child ${name} failed: ${JSON.stringify(failed)}`);
      return messages.find((m) => m.type === type) as never;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
