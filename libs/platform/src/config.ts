import { accessKeyKindOf, isSecretAccessKey } from '@portcullis/credentials';

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
  /** `IAM_REGION`: the region SigV4 credentials must be scoped to (default us-east-1). */
  region: string;
  /**
   * `IAM_MANAGEMENT_ACCOUNT_ID`: the management account, created at first start; its root may
   * create accounts. Default `000000000000` (the account id AWS emulators use by convention).
   */
  managementAccountId: string;
  /**
   * `IAM_BOOTSTRAP_ACCESS_KEY_ID` / `IAM_BOOTSTRAP_SECRET_ACCESS_KEY`: the management root's
   * access key, made active at every start (automation, tests). Unset: a key is generated when
   * the management account is created and printed once.
   */
  bootstrapAccessKey: { accessKeyId: string; secretAccessKey: string } | null;
}

export class ConfigError extends Error {}

/** The management account unless IAM_MANAGEMENT_ACCOUNT_ID says otherwise. */
export const DEFAULT_MANAGEMENT_ACCOUNT_ID = '000000000000';

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
    region: env.IAM_REGION || 'us-east-1',
    managementAccountId: accountId(env, 'IAM_MANAGEMENT_ACCOUNT_ID', DEFAULT_MANAGEMENT_ACCOUNT_ID),
    bootstrapAccessKey: bootstrapAccessKey(env),
  };
}

function accountId(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!/^\d{12}$/.test(raw)) throw new ConfigError(`${name} must be 12 digits, got "${raw}"`);
  return raw;
}

function bootstrapAccessKey(env: NodeJS.ProcessEnv): PortcullisConfig['bootstrapAccessKey'] {
  const id = env.IAM_BOOTSTRAP_ACCESS_KEY_ID?.trim();
  const secret = env.IAM_BOOTSTRAP_SECRET_ACCESS_KEY?.trim();
  if (!id && !secret) return null;
  if (!id || !secret) {
    throw new ConfigError(
      'IAM_BOOTSTRAP_ACCESS_KEY_ID and IAM_BOOTSTRAP_SECRET_ACCESS_KEY go together: set both or neither',
    );
  }
  if (accessKeyKindOf(id) !== 'long-term') {
    throw new ConfigError(
      'IAM_BOOTSTRAP_ACCESS_KEY_ID must be AKIA followed by 16 characters A-Z 2-7',
    );
  }
  if (!isSecretAccessKey(secret)) {
    throw new ConfigError('IAM_BOOTSTRAP_SECRET_ACCESS_KEY must be 40 characters A-Z a-z 0-9 + /');
  }
  return { accessKeyId: id, secretAccessKey: secret };
}
