import { join } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { EventLog } from '@portcullis/event-log';
import {
  EVENT_LOG,
  KAFKA_CLIENT,
  PORTCULLIS_CONFIG,
  type PortcullisConfig,
  READ_MODEL_STORE,
  Readiness,
} from '@portcullis/platform';
import { MemoryReadModelStore, type ReadModelStore } from '@portcullis/read-models';
import type { DeadLetters } from './dead-letters/dead-letters.port';
import { EmbeddedDeadLetters } from './dead-letters/embedded.dead-letters';
import { KafkaDeadLetters } from './dead-letters/kafka.dead-letters';
import type { ProjectorMetricsSnapshot } from './projector-metrics';
import { type RunningProjection, startProjection } from './start-projection';

/**
 * The projector role: the event log → the read models, resuming after the stored checkpoints.
 * Dead letters go to the `iam.events.dlq` topic on Kafka, or to `<data dir>/iam.events.dlq.jsonl`
 * in the embedded deployment.
 */
@Injectable()
export class ProjectorRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private running: RunningProjection | null = null;
  private deadLetters: DeadLetters | null = null;

  constructor(
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka | null,
    @Inject(PORTCULLIS_CONFIG) private readonly config: PortcullisConfig,
    private readonly readiness: Readiness,
  ) {
    readiness.addRole('projector');
  }

  /** Counters since start: events applied and skipped, dead letters, documents read and written. */
  metrics(): ProjectorMetricsSnapshot | null {
    return this.running?.projector.metrics.snapshot() ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const topic = this.config.kafka.eventsDlqTopic;
    this.deadLetters = this.kafka
      ? await KafkaDeadLetters.connect({ kafka: this.kafka, topic })
      : new EmbeddedDeadLetters(join(this.config.dataDir, `${topic}.jsonl`));
    this.running = await startProjection({
      log: this.log,
      store: this.store,
      deadLetters: this.deadLetters,
      eventsTopic: this.config.kafka.eventsTopic,
      // In-memory read models are their own cache.
      cacheSize: this.store instanceof MemoryReadModelStore ? 0 : undefined,
      logger: this.logger,
      onError: (error, partition) =>
        this.logger.error(
          `partition ${partition ?? '?'}: ${error instanceof Error ? error.message : String(error)}`,
        ),
    });
    this.readiness.markReady('projector');
    const after = this.running.resumedAfter;
    this.logger.log(
      `projecting from ${after.length ? after.map((a) => `${a.partition}:${a.offset}`).join(',') : 'the start'}; dead letters to ${topic}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running?.subscription.close();
    await this.deadLetters?.close();
  }
}
