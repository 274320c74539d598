// Where the integration tests find Kafka and MongoDB, and how they get fresh names there.
//
// test/setup/global-setup.ts chooses the backends before any test file runs and exports them as
// IAM_KAFKA_BROKERS (comma-separated host:port) and IAM_MONGODB_URI (no database in the path):
//   1. both variables already set: used as they are (e.g. a developer's own Kafka and MongoDB);
//   2. else, when a container runtime exists: Kafka and MongoDB containers (testcontainers);
//   3. else: Kafka and FerretDB (MongoDB wire protocol) on this machine via scripts/services.sh.
// Files share the backends (the integration project runs --runInBand): give every test its own
// topics, consumer groups, transactional ids and database, with the helpers below.
import { randomBytes } from 'node:crypto';
import { logLevel, type ConsumerConfig, type KafkaConfig } from 'kafkajs';

/** A fixed bootstrap key for test runs (IAM_BOOTSTRAP_ACCESS_KEY_ID / _SECRET_ACCESS_KEY). */
export const TEST_BOOTSTRAP_KEY = {
  accessKeyId: 'AKIAPORTCULLISTESTKY',
  secretAccessKey: 'portcullisTestBootstrapSecretKey/0123456',
} as const;

export function bootstrapEnv(): NodeJS.ProcessEnv {
  return {
    IAM_BOOTSTRAP_ACCESS_KEY_ID: TEST_BOOTSTRAP_KEY.accessKeyId,
    IAM_BOOTSTRAP_SECRET_ACCESS_KEY: TEST_BOOTSTRAP_KEY.secretAccessKey,
  };
}

/** Local endpoints of scripts/services.sh. */
export const LOCAL_KAFKA_BROKERS = '127.0.0.1:9092';
export const LOCAL_MONGODB_URI =
  'mongodb://127.0.0.1:27017/?directConnection=true&retryWrites=false';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run integration tests through jest's integration project ` +
        '(npm run test:integration), whose global setup sets it',
    );
  }
  return value;
}

/** Broker list for kafkajs. */
export function kafkaBrokers(): string[] {
  return requireEnv('IAM_KAFKA_BROKERS')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

/** MongoDB connection string without a database (as given in IAM_MONGODB_URI). */
export function mongoUri(): string {
  return requireEnv('IAM_MONGODB_URI');
}

/**
 * The connection string with `database` as its default database:
 * mongodb://h:p/?q -> mongodb://h:p/<database>?q.
 */
export function mongoUriFor(database: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(mongoUri());
  if (!m) throw new Error(`IAM_MONGODB_URI is not a mongodb:// connection string`);
  return `${m[1]}/${database}${m[2] ?? ''}`;
}

/** A unique lower-case name: prefix + time + random, e.g. for topics, group ids, transactional ids. */
export function uniqueName(prefix: string): string {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
  return `${clean}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/**
 * A fresh database name, valid on MongoDB and FerretDB (letters, digits and `_`, at most 63
 * characters). Drop it in afterAll.
 */
export function freshDatabaseName(prefix = 't'): string {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30);
  return `${clean}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/**
 * kafkajs client settings for tests: quick retries (kafkajs's default 300 ms first retry stalls
 * every transaction that follows a commit, kafkajs #1315) and no client logging (kafkajs
 * logs retriable errors such as "coordinator loading" at ERROR level).
 */
export function kafkaTestConfig(clientId: string): KafkaConfig {
  return {
    clientId,
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 20, maxRetryTime: 2000, retries: 12 },
  };
}

/** Consumer timeouts for a small, busy CI machine (fresh group id per test). */
export function consumerTestConfig(groupId: string): ConsumerConfig {
  return {
    groupId,
    sessionTimeout: 10000,
    heartbeatInterval: 1000,
    rebalanceTimeout: 15000,
    retry: { initialRetryTime: 20, maxRetryTime: 2000, retries: 12 },
  };
}

/**
 * The environment of a service under test on the real backends: topics and consumer groups of
 * its own (`<run>.events`, …), its own database, 3 partitions, no log output.
 */
export function isolatedServiceEnv(run: string, database: string): NodeJS.ProcessEnv {
  return {
    IAM_KAFKA_BROKERS: kafkaBrokers().join(','),
    IAM_MONGODB_URI: mongoUri(),
    IAM_MONGODB_DATABASE: database,
    IAM_KAFKA_CLIENT_ID: run,
    IAM_TOPIC_EVENTS: `${run}.events`,
    IAM_TOPIC_COMMANDS: `${run}.commands`,
    IAM_TOPIC_COMMAND_RESULTS: `${run}.command-results`,
    IAM_TOPIC_EVENTS_DLQ: `${run}.events.dlq`,
    IAM_PARTITIONS: '3',
    IAM_LOG_LEVEL: 'silent',
    // The run's own key ring: its services share it, and the test mints credentials with it
    // (test/support/test-credentials.ts).
    IAM_KEY_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    // The management root's key is the fixed test key, so no generated one is printed.
    ...bootstrapEnv(),
  };
}
