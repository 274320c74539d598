import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { randomBytes } from 'crypto';
import { hostname } from 'os';
import type { EventLog } from '@portcullis/event-log';
import {
  EVENT_LOG,
  PORTCULLIS_CONFIG,
  READ_MODEL_STORE,
  Readiness,
  type PortcullisConfig,
} from '@portcullis/platform';
import type { ReadModelStore } from '@portcullis/read-models';
import { EffectivePolicySets } from '../effective-permissions/effective-policy-sets';
import { setServing } from '../health/grpc-health';
import type { GrpcConsistency } from '../shared/grpc.types';
import { InvalidArgumentError } from '../shared/query.errors';
import { CacheCoherence } from './cache-coherence';
import { CompiledPolicies } from './compiled-policies';
import { ReadModelCache } from './read-model.cache';

const ROLE = 'query-service';

/**
 * The query side's state: cached read-model documents, compiled policies, composed policy sets,
 * and their coherence with the event log. One per process; every RPC reads through it.
 */
@Injectable()
export class QueryCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QueryCache');
  readonly documents: ReadModelCache;
  readonly compiled = new CompiledPolicies();
  readonly sets: EffectivePolicySets;
  readonly coherence: CacheCoherence;

  constructor(
    @Inject(READ_MODEL_STORE) store: ReadModelStore,
    @Inject(EVENT_LOG) log: EventLog,
    @Inject(PORTCULLIS_CONFIG) config: PortcullisConfig,
    private readonly readiness: Readiness,
  ) {
    this.documents = new ReadModelCache(store, { suspended: true }); // until coherence starts
    this.sets = new EffectivePolicySets(this.documents, this.compiled);
    this.coherence = new CacheCoherence(store, log, this.documents, {
      // A group of its own: every instance must see every partition's events.
      group: `${config.kafka.clientId}.query-cache.${hostname()}.${process.pid}.${randomBytes(4).toString('hex')}`,
    });
    readiness.addRole(ROLE);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.coherence.start();
    this.readiness.markReady(ROLE);
    setServing(true);
    this.logger.log(`cache coherent from ${this.coherence.token() || 'the start of the log'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    setServing(false);
    await this.coherence.close();
  }

  /**
   * Waits for the freshness a request asks for; answers the `notBefore` to read the cache with
   * (synchronously for minimize_latency, the default).
   */
  consistency(c: GrpcConsistency | null | undefined, deadline: number): number | Promise<number> {
    if (!c) return 0;
    const which =
      c.requirement ??
      (c.at_least_as_fresh
        ? 'at_least_as_fresh'
        : c.fully_consistent
          ? 'fully_consistent'
          : 'minimize_latency');
    switch (which) {
      case 'at_least_as_fresh':
        if (!c.at_least_as_fresh) return 0; // an empty token: every reader has passed it
        return this.coherence
          .waitForToken(c.at_least_as_fresh, deadline)
          .then(() => this.documents.loadMark());
      case 'fully_consistent':
        if (!c.fully_consistent) {
          throw new InvalidArgumentError('consistency.fully_consistent must be true when set');
        }
        return this.coherence.waitForEnd(deadline).then(() => this.documents.loadMark());
      default:
        return 0;
    }
  }
}
