import { EmbeddedEventLog, type EventLog, KafkaEventLog } from '@portcullis/event-log';
import { createKafkaClient, loadConfig } from '@portcullis/platform';
import type { ReadModelStore } from '@portcullis/read-models';
import {
  EventLogReplayReader,
  KafkaReplayReader,
  openReplayTarget,
  openSnapshots,
  type ReadModelSnapshot,
  type ReplayReader,
} from '../../../projector/src/replay';
import { CliInputError } from '../cli-io';

/** What the replay commands work on; the real one follows the service's configuration. */
export interface ReplayBackends {
  /** The live database's name (IAM_MONGODB_DATABASE), which replay never writes. */
  liveDatabase: string;
  /** The events topic or folder, for messages. */
  source: string;
  openLog(): Promise<{ log: EventLog; reader: ReplayReader }>;
  /** An empty database to replay into (refuses the live one and non-empty ones). */
  openTarget(database: string): Promise<ReadModelStore>;
  openSnapshots(
    database: string,
  ): Promise<{ live: ReadModelSnapshot; replayed: ReadModelSnapshot; close(): Promise<void> }>;
}

/**
 * The backends the services use, from the same environment (IAM_KAFKA_BROKERS or IAM_DATA_DIR for
 * the log, IAM_MONGODB_URI and IAM_MONGODB_DATABASE for the live read models). A replay writes a
 * MongoDB database, so IAM_MONGODB_URI is required.
 */
export function configuredReplayBackends(env: NodeJS.ProcessEnv): ReplayBackends {
  const config = loadConfig(env);
  const uri = config.mongo.uri;
  const mongo = () => {
    if (!uri) {
      throw new CliInputError(
        'replay reads and writes MongoDB read models: set IAM_MONGODB_URI (and IAM_MONGODB_DATABASE for the live database)',
      );
    }
    return {
      uri,
      liveDatabase: config.mongo.database,
      serverSelectionTimeoutMS: Math.min(config.startupTimeoutMs, 10_000),
    };
  };
  const brokers = config.kafka.brokers;
  return {
    liveDatabase: config.mongo.database,
    source: brokers
      ? `Kafka ${brokers.join(',')} topic ${config.kafka.eventsTopic}`
      : `the embedded event log in ${config.dataDir}`,
    async openLog() {
      if (!brokers) {
        const log = new EmbeddedEventLog({
          dir: config.dataDir,
          partitionCount: config.kafka.partitions,
        });
        return { log, reader: new EventLogReplayReader(log) };
      }
      const kafka = createKafkaClient(config);
      // KafkaEventLog.connect creates a missing topic: a replay pointed at the wrong broker or
      // topic must say so instead of replaying an empty log it just made.
      const admin = kafka.admin();
      try {
        await admin.connect();
        const topics = await admin.listTopics();
        if (!topics.includes(config.kafka.eventsTopic)) {
          throw new CliInputError(
            `no topic ${config.kafka.eventsTopic} on ${brokers.join(',')}: nothing to replay (IAM_TOPIC_EVENTS names the events topic)`,
          );
        }
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
      const log = await KafkaEventLog.connect({
        kafka,
        topic: config.kafka.eventsTopic,
        partitionCount: config.kafka.partitions,
        clientId: config.kafka.clientId,
        connectTimeoutMs: Math.min(config.startupTimeoutMs, 10_000),
      });
      const reader = new KafkaReplayReader({
        kafka,
        topic: config.kafka.eventsTopic,
        clientId: config.kafka.clientId,
      });
      return { log, reader };
    },
    openTarget: (database) => openReplayTarget(database, mongo()),
    openSnapshots: (database) => openSnapshots(database, mongo()),
  };
}
