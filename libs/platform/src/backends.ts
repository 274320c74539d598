import { Logger } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { EmbeddedEventLog, EventLog, KafkaEventLog } from '@portcullis/event-log';
import { MemoryReadModelStore, MongoReadModelStore, ReadModelStore } from '@portcullis/read-models';
import type { PortcullisConfig } from './config';
import type { DependencyCheck } from './readiness';

/** The adapters behind the ports, chosen by configuration alone. */
export interface Backends {
  config: PortcullisConfig;
  eventLog: EventLog;
  /** Null in a process that does not use read models. */
  readModels: ReadModelStore | null;
  kafka: Kafka | null;
  /** One line for the start-up log: which backends run. */
  description: string;
  checks: [string, DependencyCheck][];
  close(): Promise<void>;
}

/** A dependency that could not be reached at start: the service says so in one line and exits. */
export class DependencyUnreachableError extends Error {
  constructor(
    readonly dependency: string,
    readonly target: string,
    cause: unknown,
  ) {
    super(
      `cannot reach ${dependency} at ${target}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

async function retryUntil<T>(what: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 250;
  for (;;) {
    try {
      return await what();
    } catch (error) {
      if (Date.now() + delay > deadline) throw error;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }
}

export function createKafkaClient(config: PortcullisConfig): Kafka {
  return new Kafka({
    clientId: config.kafka.clientId,
    brokers: config.kafka.brokers ?? [],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    // KAFKA.md: kafkajs's 300 ms default makes every transaction after a commit stall.
    retry: { initialRetryTime: 20, maxRetryTime: 1000, retries: 8 },
  });
}

export interface BackendNeeds {
  /** Whether the process reads or writes read models (projector, query service). */
  readModels: boolean;
}

export async function connectBackends(
  config: PortcullisConfig,
  options: BackendNeeds = { readModels: true },
): Promise<Backends> {
  const logger = new Logger('Backends');
  const closers: (() => Promise<void>)[] = [];
  const checks: [string, DependencyCheck][] = [];
  try {
    let eventLog: EventLog;
    let kafka: Kafka | null = null;
    if (config.kafka.brokers) {
      const client = createKafkaClient(config);
      kafka = client;
      const target = config.kafka.brokers.join(',');
      eventLog = await retryUntil(
        () =>
          KafkaEventLog.connect({
            kafka: client,
            topic: config.kafka.eventsTopic,
            partitionCount: config.kafka.partitions,
            // Subscribers of this process (the projector) share partitions through this group.
            groupId: `${config.kafka.clientId}.projector`,
            connectTimeoutMs: Math.min(config.startupTimeoutMs, 10_000),
          }),
        config.startupTimeoutMs,
      ).catch((e) => {
        throw new DependencyUnreachableError('Kafka', target, e);
      });
      checks.push([
        'kafka',
        async () => {
          const admin = client.admin();
          await admin.connect();
          try {
            await admin.describeCluster();
          } finally {
            await admin.disconnect();
          }
        },
      ]);
    } else {
      eventLog = new EmbeddedEventLog({
        dir: config.dataDir,
        partitionCount: config.kafka.partitions,
      });
    }
    closers.push(() => eventLog.close());

    let readModels: ReadModelStore | null = null;
    if (!options.readModels) {
      // The command service keeps its state in memory, rebuilt from the log: no read models.
    } else if (config.mongo.uri) {
      const uri = config.mongo.uri;
      readModels = await MongoReadModelStore.connect(uri, {
        database: config.mongo.database,
        serverSelectionTimeoutMS: config.startupTimeoutMs,
      }).catch((e) => {
        throw new DependencyUnreachableError('MongoDB', redact(uri), e);
      });
      const store = readModels;
      checks.push(['mongodb', () => store.ping()]);
    } else {
      readModels = new MemoryReadModelStore();
    }
    const opened = readModels;
    if (opened) closers.push(() => opened.close());

    const description = [
      config.kafka.brokers
        ? `Kafka ${config.kafka.brokers.join(',')}`
        : `embedded event log in ${config.dataDir}`,
      !readModels
        ? null
        : config.mongo.uri
          ? `MongoDB ${redact(config.mongo.uri)} (database ${config.mongo.database})`
          : 'in-memory read models',
    ]
      .filter(Boolean)
      .join(', ');
    logger.log(description);
    return {
      config,
      eventLog,
      readModels,
      kafka,
      description,
      checks,
      close: async () => {
        for (const close of closers.reverse()) await close().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}

/** Hides a password in a connection string before it is logged. */
function redact(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
