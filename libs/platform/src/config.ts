/**
 * Runtime configuration, from the environment only. Embedded backends are the default; naming
 * Kafka brokers or a MongoDB URI switches that part to the real service.
 */
export interface PortcullisConfig {
  kafka: {
    brokers: string[] | null;
    clientId: string;
    eventsTopic: string;
    commandsTopic: string;
    commandResultsTopic: string;
    eventsDlqTopic: string;
    partitions: number;
  };
  mongo: { uri: string | null; database: string };
  dataDir: string;
  httpPort: number;
  grpcPort: number;
  /** How long a service keeps trying to reach Kafka/MongoDB at start before giving up. */
  startupTimeoutMs: number;
  /** `silent` turns Nest's logging off (tests); anything else keeps the default. */
  logLevel: string;
  /**
   * `IAM_KEY_ENCRYPTION_KEYS` (`id:base64,id:base64`, current key first): the keys that seal
   * access-key secrets and MFA seeds. Null when unset (embedded: a key kept in the data dir).
   */
  keyEncryptionKeys: string | null;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PortcullisConfig {
  const brokers = env.IAM_KAFKA_BROKERS?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  return {
    kafka: {
      brokers: brokers && brokers.length > 0 ? brokers : null,
      clientId: env.IAM_KAFKA_CLIENT_ID || 'portcullis',
      eventsTopic: env.IAM_TOPIC_EVENTS || 'iam.events',
      commandsTopic: env.IAM_TOPIC_COMMANDS || 'iam.commands',
      commandResultsTopic: env.IAM_TOPIC_COMMAND_RESULTS || 'iam.command-results',
      eventsDlqTopic: env.IAM_TOPIC_EVENTS_DLQ || 'iam.events.dlq',
      partitions: int(env, 'IAM_PARTITIONS', 6),
    },
    mongo: { uri: env.IAM_MONGODB_URI || null, database: env.IAM_MONGODB_DATABASE || 'portcullis' },
    dataDir: env.IAM_DATA_DIR || 'data',
    httpPort: int(env, 'IAM_HTTP_PORT', 8080),
    grpcPort: int(env, 'IAM_GRPC_PORT', 50051),
    startupTimeoutMs: int(env, 'IAM_STARTUP_TIMEOUT_MS', 30_000),
    logLevel: env.IAM_LOG_LEVEL || 'log',
    keyEncryptionKeys: env.IAM_KEY_ENCRYPTION_KEYS?.trim() || null,
  };
}
