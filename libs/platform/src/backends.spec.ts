import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EmbeddedEventLog } from '@portcullis/event-log';
import { connectBackends, DependencyUnreachableError } from './backends';
import { loadConfig } from './config';

describe('connectBackends', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'backends-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the embedded log and in-memory read models when nothing is configured', async () => {
    const backends = await connectBackends(loadConfig({ IAM_DATA_DIR: dir }));
    expect(backends.eventLog).toBeInstanceOf(EmbeddedEventLog);
    expect(backends.kafka).toBeNull();
    expect(backends.description).toBe(`embedded event log in ${dir}, in-memory read models`);
    await backends.close();
  });

  it('connects no read models for a process that does not use them (command service)', async () => {
    const backends = await connectBackends(
      loadConfig({ IAM_DATA_DIR: dir, IAM_MONGODB_URI: 'mongodb://127.0.0.1:1/' }),
      { readModels: false },
    );
    expect(backends.readModels).toBeNull();
    expect(backends.checks.map(([name]) => name)).toEqual([]);
    expect(backends.description).toBe(`embedded event log in ${dir}`);
    await backends.close();
  });

  it('gives up on an unreachable Kafka within the startup timeout, naming it', async () => {
    const started = Date.now();
    const error = await connectBackends(
      loadConfig({ IAM_KAFKA_BROKERS: '127.0.0.1:1', IAM_STARTUP_TIMEOUT_MS: '1500' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnreachableError);
    expect((error as DependencyUnreachableError).dependency).toBe('Kafka');
    expect((error as Error).message).toMatch(/^cannot reach Kafka at 127\.0\.0\.1:1: /);
    // Bounded: the timeout plus one last attempt, not kafkajs's minutes of retries.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('gives up on an unreachable MongoDB and releases what it had opened', async () => {
    const error = await connectBackends(
      loadConfig({
        IAM_DATA_DIR: dir,
        IAM_MONGODB_URI: 'mongodb://user:secret@127.0.0.1:1/?directConnection=true',
        IAM_STARTUP_TIMEOUT_MS: '500',
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnreachableError);
    expect((error as Error).message).toContain(
      'cannot reach MongoDB at mongodb://user:***@127.0.0.1:1',
    );
    expect((error as Error).message).not.toContain('secret');
    // The embedded log was closed again: its directory lock is free.
    const log = new EmbeddedEventLog({ dir });
    await log.close();
  });
});
