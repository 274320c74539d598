import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { EventLog, Subscription } from '@portcullis/event-log';
import { EVENT_LOG, READ_MODEL_STORE, Readiness } from '@portcullis/platform';
import type { ReadModelStore } from '@portcullis/read-models';
import { EffectivePermissionsProjector } from './effective-permissions.projector';

/** Subscribes the projector to the event log, resuming after the stored checkpoints. */
@Injectable()
export class ProjectorRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private subscription: Subscription | null = null;

  constructor(
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly readiness: Readiness,
  ) {
    readiness.addRole('projector');
  }

  async onApplicationBootstrap(): Promise<void> {
    const projector = new EffectivePermissionsProjector(this.store);
    const after = (await this.store.getCheckpoints())
      .filter((c) => BigInt(c.nextOffset) > 0n)
      .map((c) => ({ partition: c.partition, offset: (BigInt(c.nextOffset) - 1n).toString() }));
    this.subscription = await this.log.subscribe({
      after,
      handler: (batch) => projector.project(batch),
      onProgress: (partition, nextOffset) => projector.progress(partition, nextOffset),
      onError: (error, partition) =>
        this.logger.error(
          `partition ${partition ?? '?'}: ${error instanceof Error ? error.message : String(error)}`,
        ),
    });
    this.readiness.markReady('projector');
    this.logger.log(
      `projecting from ${after.length ? after.map((a) => `${a.partition}:${a.offset}`).join(',') : 'the start'}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }
}
