// Jest global setup of the integration project: chooses Kafka and MongoDB for the tests and exports
// them as IAM_KAFKA_BROKERS and IAM_MONGODB_URI (read through test/setup/backends.ts).
//
// For each of the two, in this order:
//   1. the variable is already set: use it as it is;
//   2. a container runtime answers (testcontainers): start a container (Kafka KRaft, MongoDB 7);
//   3. otherwise: `bash scripts/services.sh start` (local Kafka, and FerretDB over PostgreSQL).
// PORTCULLIS_TEST_BACKENDS=containers|local skips the detection in favour of 2 or 3.
// global-teardown.ts stops only what this setup started (see state.ts); PORTCULLIS_KEEP_SERVICES=1
// keeps the local services that it started running (faster reruns).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LOCAL_KAFKA_BROKERS, LOCAL_MONGODB_URI } from './backends';
import { setupState, stopWhatSetupStarted, type StoppableContainer } from './state';

const ROOT = resolve(__dirname, '..', '..');
const KAFKA_IMAGE = process.env.PORTCULLIS_TEST_KAFKA_IMAGE ?? 'confluentinc/cp-kafka:8.1.0';
const MONGODB_IMAGE = process.env.PORTCULLIS_TEST_MONGODB_IMAGE ?? 'mongo:7.0';

type Choice = 'containers' | 'local';

async function containerRuntimeAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function choose(): Promise<Choice> {
  const forced = process.env.PORTCULLIS_TEST_BACKENDS;
  if (forced === 'containers' || forced === 'local') return forced;
  if (forced)
    throw new Error(`PORTCULLIS_TEST_BACKENDS must be 'containers' or 'local', not '${forced}'`);
  return (await containerRuntimeAvailable()) ? 'containers' : 'local';
}

async function startContainers(needKafka: boolean, needMongo: boolean): Promise<string[]> {
  const state = setupState();
  const notes: string[] = [];
  const started: Promise<void>[] = [];
  if (needKafka) {
    started.push(
      (async () => {
        const { KafkaContainer } = await import('@testcontainers/kafka');
        // @testcontainers/kafka drives Confluent's images; 8.1 carries Apache Kafka 4.1 (KRaft).
        const kafka = await new KafkaContainer(KAFKA_IMAGE)
          .withKraft()
          .withEnvironment({
            // The module leaves these at multi-broker defaults: one broker needs one replica.
            KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
            KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
            KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS: '10',
            KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
          })
          .start();
        state.containers.push(kafka as StoppableContainer);
        process.env.IAM_KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
        notes.push(`kafka=container ${KAFKA_IMAGE} (${process.env.IAM_KAFKA_BROKERS})`);
      })(),
    );
  }
  if (needMongo) {
    started.push(
      (async () => {
        const { MongoDBContainer } = await import('@testcontainers/mongodb');
        const mongo = await new MongoDBContainer(MONGODB_IMAGE).start();
        state.containers.push(mongo as StoppableContainer);
        // The container runs a one-member replica set that advertises its internal host name.
        process.env.IAM_MONGODB_URI = `${mongo.getConnectionString()}/?directConnection=true`;
        notes.push(`mongodb=container ${MONGODB_IMAGE} (${process.env.IAM_MONGODB_URI})`);
      })(),
    );
  }
  const results = await Promise.allSettled(started);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return notes;
}

function servicesDir(): string {
  return process.env.PORTCULLIS_SERVICES_DIR ?? join(ROOT, '.local');
}

/** What a `services.sh start` run since `since` started (it writes .local/services.started). */
function readStarted(since: number): string[] {
  const file = join(servicesDir(), 'services.started');
  try {
    if (statSync(file).mtimeMs < since - 1000) return []; // left by an earlier run
    return readFileSync(file, 'utf8')
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  } catch {
    return [];
  }
}

function startLocal(needKafka: boolean, needMongo: boolean): string[] {
  const services = [...(needKafka ? ['kafka'] : []), ...(needMongo ? ['ferretdb'] : [])];
  const t0 = Date.now();
  const run = spawnSync('bash', [join(ROOT, 'scripts', 'services.sh'), 'start', ...services], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 20 * 60 * 1000,
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
  const started = readStarted(t0);
  setupState().services.push(...started);
  if (run.status !== 0) {
    throw new Error(
      `scripts/services.sh start ${services.join(' ')} failed (${run.error?.message ?? `exit ${run.status}`}):\n${output}`,
    );
  }
  const notes: string[] = [];
  const how = (name: string) =>
    started.includes(name)
      ? `started by services.sh in ${((Date.now() - t0) / 1000).toFixed(1)}s`
      : 'already running';
  if (needKafka) {
    process.env.IAM_KAFKA_BROKERS = LOCAL_KAFKA_BROKERS;
    notes.push(`kafka=local (${LOCAL_KAFKA_BROKERS}, ${how('kafka')})`);
  }
  if (needMongo) {
    process.env.IAM_MONGODB_URI = LOCAL_MONGODB_URI;
    notes.push(`mongodb=local FerretDB (127.0.0.1:27017, ${how('ferretdb')})`);
  }
  return notes;
}

export default async function globalSetup(): Promise<void> {
  const needKafka = !process.env.IAM_KAFKA_BROKERS;
  const needMongo = !process.env.IAM_MONGODB_URI;
  const notes: string[] = [];
  if (!needKafka) notes.push(`kafka=from IAM_KAFKA_BROKERS (${process.env.IAM_KAFKA_BROKERS})`);
  if (!needMongo) notes.push(`mongodb=from IAM_MONGODB_URI (${process.env.IAM_MONGODB_URI})`);
  if (needKafka || needMongo) {
    const choice = await choose();
    try {
      notes.push(
        ...(choice === 'containers'
          ? await startContainers(needKafka, needMongo)
          : startLocal(needKafka, needMongo)),
      );
    } catch (e) {
      // Jest runs no teardown after a failed setup: stop what was started here.
      await stopWhatSetupStarted();
      throw e;
    }
  }
  process.stdout.write(`\n[integration] backends: ${notes.join('; ')}\n`);
}
