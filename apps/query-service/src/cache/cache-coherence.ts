import { Logger } from '@nestjs/common';
import {
  decodeConsistencyToken,
  encodeConsistencyToken,
  InvalidConsistencyTokenError,
} from '@portcullis/contracts';
import type { EventLog, LoggedEvent, Subscription } from '@portcullis/event-log';
import type { Checkpoint, ReadModelStore } from '@portcullis/read-models';
import { InvalidArgumentError, StaleProjectionError } from '../shared/query.errors';
import { invalidationOf, type Invalidation } from './invalidation-keys';
import type { ReadModelCache } from './read-model.cache';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Pending extends Invalidation {
  offset: bigint;
}

interface Waiter {
  /** partition → the next offset that must have been reached. */
  targets: [number, bigint][];
  resolve(): void;
}

export interface CacheCoherenceOptions {
  /** Consumer group of this process's invalidation subscription (one per process). */
  group: string;
  /** Checkpoint polling interval while a request waits for freshness. */
  waitPollMs?: number;
  /** Checkpoint polling interval while invalidations wait for the projection. */
  pendingPollMs?: number;
  /** Invalidations held back at most; beyond, the cache stops keeping anything until caught up. */
  maxPending?: number;
  /**
   * How long this process's subscription may stand still behind the projection before the cache
   * stops keeping anything (a dead subscription would otherwise leave minimize_latency answers
   * stale for ever).
   */
  maxLagMs?: number;
  /** Checkpoints are read at least this often, to notice a lagging subscription. */
  heartbeatMs?: number;
}

/**
 * Keeps the cache coherent with the read models and answers "is this process at least as fresh
 * as position T?".
 *
 * Two positions per partition of the event log:
 * - `stored`: the projection's checkpoint as last read from the store (everything before it is
 *   in the read models);
 * - `seen`: how far this process's own subscription to the event log has got.
 * An event's invalidation is applied once the event is both seen and stored: applied earlier, a
 * load could still read the old document and keep it. What the cache holds reflects every event
 * before `min(stored, seen)`; a request at_least_as_fresh(T) waits until that passes T on every
 * partition T names, a fully_consistent one until it reaches the end of the log.
 *
 * The checkpoints are polled by one loop, shared by all waiting requests, that runs only while
 * a request waits or invalidations are held back.
 */
export class CacheCoherence {
  private readonly logger = new Logger('QueryCache');
  private readonly stored: bigint[];
  private readonly seen: bigint[];
  private readonly pending: Pending[][];
  private pendingCount = 0;
  private suspended = false;
  private readonly waiters = new Set<Waiter>();
  private polling = false;
  private closed = false;
  private subscription: Subscription | null = null;
  private lastPollError = '';
  /** Bumped whenever a position moves; token() is computed once per value. */
  private moves = 0;
  private tokenAt = -1;
  private lastToken = '';
  private readonly waitPollMs: number;
  private readonly pendingPollMs: number;
  private readonly maxPending: number;
  private readonly maxLagMs: number;
  /** When `seen` last moved, per partition. */
  private readonly seenMovedAt: number[];
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: ReadModelStore,
    private readonly log: EventLog,
    private readonly cache: ReadModelCache,
    private readonly options: CacheCoherenceOptions,
  ) {
    const n = log.partitionCount;
    this.stored = new Array<bigint>(n).fill(0n);
    this.seen = new Array<bigint>(n).fill(0n);
    this.pending = Array.from({ length: n }, () => []);
    this.waitPollMs = options.waitPollMs ?? 2;
    this.pendingPollMs = options.pendingPollMs ?? 5;
    this.maxPending = options.maxPending ?? 200_000;
    this.maxLagMs = options.maxLagMs ?? 10_000;
    this.seenMovedAt = new Array<number>(n).fill(Date.now());
  }

  /**
   * Reads the checkpoints and subscribes from there: everything before them is in the store (the
   * cache is empty, so nothing to invalidate), everything after is seen by this subscription.
   * The cache keeps nothing loaded before this has finished (create it suspended): a document
   * read before the checkpoints were might miss an event the subscription will never deliver.
   */
  async start(): Promise<void> {
    const checkpoints = await this.store.getCheckpoints();
    this.observe(checkpoints);
    for (let p = 0; p < this.seen.length; p++) this.seen[p] = this.stored[p];
    this.moves++;
    const after = this.stored
      .map((next, partition) => ({ partition, offset: (next - 1n).toString() }))
      .filter((a) => BigInt(a.offset) >= 0n);
    this.subscription = await this.log.subscribe({
      group: this.options.group,
      after,
      handler: async (batch) => this.onEvents(batch),
      onProgress: async (partition, nextOffset) => this.onSeen(partition, BigInt(nextOffset)),
      // An undecodable record changes no read model (the projector parks it): nothing to do.
      onDecodeError: async (error) =>
        this.onSeen(error.position.partition, BigInt(error.position.offset) + 1n),
      onError: (error, partition) =>
        this.logger.warn(
          `invalidation subscription, partition ${partition ?? '?'}: ${error instanceof Error ? error.message : String(error)}`,
        ),
    });
    this.heartbeat = setInterval(() => {
      if (this.polling) return;
      this.store.getCheckpoints().then(
        (c) => this.observe(c),
        () => undefined, // the poll loop reports store failures
      );
    }, this.options.heartbeatMs ?? 1000);
    this.heartbeat.unref();
    // Only now can every change after what is read be invalidated: keep what is loaded from here.
    this.cache.resume();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.subscription?.close();
    this.subscription = null;
  }

  /** A token for what the cache reflects at least: usable as at_least_as_fresh. */
  token(): string {
    if (this.tokenAt === this.moves) return this.lastToken;
    const positions = [];
    for (let p = 0; p < this.stored.length; p++) {
      const applied = this.applied(p);
      if (applied > 0n) positions.push({ partition: p, offset: (applied - 1n).toString() });
    }
    this.lastToken = encodeConsistencyToken(positions);
    this.tokenAt = this.moves;
    return this.lastToken;
  }

  /** at_least_as_fresh: resolves once every position of the token is reflected. */
  async waitForToken(token: string, deadline: number): Promise<void> {
    let positions;
    try {
      positions = decodeConsistencyToken(token);
    } catch (e) {
      if (e instanceof InvalidConsistencyTokenError) throw new InvalidArgumentError(e.message);
      throw e;
    }
    const targets: [number, bigint][] = [];
    for (const { partition, offset } of positions) {
      if (partition >= this.stored.length) {
        throw new InvalidArgumentError(
          `consistency token "${token}" names partition ${partition}, but the event log has ${this.stored.length}`,
        );
      }
      targets.push([partition, BigInt(offset) + 1n]);
    }
    await this.waitFor(targets, deadline, () => `the projection has not reached ${token}`);
  }

  /**
   * fully_consistent: resolves once the end of the log as it is now is reflected. A partition that
   * ends in records that are no events (an aborted transaction, whose markers no reader reports
   * in every case) counts as reached when nothing committed lies between.
   */
  async waitForEnd(deadline: number): Promise<void> {
    const end = await this.log.endPositions();
    const targets: [number, bigint][] = end.map((e) => [e.partition, BigInt(e.offset)]);
    const why = () => 'the projection has not caught up with the event log';
    const firstTry = Math.min(deadline, Date.now() + 100);
    try {
      await this.waitFor(targets, firstTry, why);
      return;
    } catch (e) {
      if (!(e instanceof StaleProjectionError) || Date.now() >= deadline) throw e;
    }
    const adjusted: [number, bigint][] = [];
    for (const [partition, next] of targets) {
      const at = this.applied(partition);
      if (at < next && (await this.nothingCommitted(partition, at, next))) {
        adjusted.push([partition, at]);
      } else {
        adjusted.push([partition, next]);
      }
    }
    await this.waitFor(adjusted, deadline, why);
  }

  private async nothingCommitted(partition: number, from: bigint, end: bigint): Promise<boolean> {
    for await (const event of this.log.readPartition(partition, from.toString())) {
      return BigInt(event.position.offset) >= end;
    }
    return true;
  }

  private applied(partition: number): bigint {
    const s = this.stored[partition];
    const v = this.seen[partition];
    return s < v ? s : v;
  }

  private reached(targets: [number, bigint][]): boolean {
    for (let i = 0; i < targets.length; i++) {
      if (this.applied(targets[i][0]) < targets[i][1]) return false;
    }
    return true;
  }

  private waitFor(targets: [number, bigint][], deadline: number, why: () => string): Promise<void> {
    if (this.reached(targets)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        targets,
        resolve: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(
        () => {
          this.waiters.delete(waiter);
          reject(
            new StaleProjectionError(
              `${why()} before the deadline (this server reflects "${this.token()}")`,
            ),
          );
        },
        Math.max(0, deadline - Date.now()),
      );
      this.waiters.add(waiter);
      this.kick();
    });
  }

  private wake(): void {
    for (const waiter of this.waiters) if (this.reached(waiter.targets)) waiter.resolve();
  }

  private onEvents(batch: readonly LoggedEvent[]): void {
    if (batch.length === 0) return;
    const partition = batch[0].position.partition;
    for (const { event, position } of batch) {
      const offset = BigInt(position.offset);
      if (offset < this.seen[partition]) continue; // redelivered
      if (!this.suspended) {
        this.pending[partition].push({ offset, ...invalidationOf(event) });
        this.pendingCount++;
      }
      this.seen[partition] = offset + 1n;
    }
    this.seenMovedAt[partition] = Date.now();
    this.moves++;
    if (this.pendingCount > this.maxPending) {
      this.suspend(`${this.pendingCount} invalidations wait for the projection`);
    }
    this.drain(partition);
    this.wake();
    this.kick();
  }

  private onSeen(partition: number, next: bigint): void {
    if (next <= this.seen[partition]) return;
    this.seen[partition] = next;
    this.seenMovedAt[partition] = Date.now();
    this.moves++;
    this.wake();
  }

  private observe(checkpoints: readonly Checkpoint[]): void {
    let moved = false;
    for (const { partition, nextOffset } of checkpoints) {
      if (partition >= this.stored.length) continue;
      const next = BigInt(nextOffset);
      if (next > this.stored[partition]) {
        this.stored[partition] = next;
        this.moves++;
        moved = true;
        this.drain(partition);
      }
    }
    const lagging = this.lagging();
    if (lagging !== null && !this.suspended) void this.onLagging(lagging);
    if (this.suspended && lagging === null && this.stored.every((s, p) => s >= this.seen[p])) {
      this.suspended = false;
      this.cache.resume();
      this.logger.log('cache resumed: the projection has caught up with the invalidations');
    }
    if (moved) this.wake();
  }

  private checkingLag = false;

  /**
   * The subscription stands still behind the projection. Only records that are no events (Kafka
   * transaction markers the subscription has not reported passing) in between: nothing was
   * missed. Otherwise it is stuck, and the cache must stop trusting itself.
   */
  private async onLagging(partition: number): Promise<void> {
    if (this.checkingLag) return;
    this.checkingLag = true;
    try {
      const from = this.seen[partition];
      const to = this.stored[partition];
      if (await this.nothingCommitted(partition, from, to)) {
        this.onSeen(partition, to);
      } else if (!this.suspended && this.seen[partition] === from) {
        this.suspend(
          `the invalidation subscription has stood still on partition ${partition} for ${this.maxLagMs} ms behind the projection`,
        );
      }
    } catch (error) {
      this.logger.warn(
        `cannot read partition ${partition}: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      this.checkingLag = false;
    }
  }

  /** A partition whose subscription stands still behind the projection for too long, or null. */
  private lagging(): number | null {
    const now = Date.now();
    for (let p = 0; p < this.stored.length; p++) {
      if (this.stored[p] > this.seen[p] && now - this.seenMovedAt[p] > this.maxLagMs) return p;
    }
    return null;
  }

  /** Applies the invalidations of events the projection has stored. */
  private drain(partition: number): void {
    const queue = this.pending[partition];
    const stored = this.stored[partition];
    let n = 0;
    while (n < queue.length && queue[n].offset < stored) {
      const { keys, renamedGroup } = queue[n];
      for (const key of keys) this.cache.invalidate(key);
      if (renamedGroup !== undefined) this.cache.invalidateMembersOf(renamedGroup);
      n++;
    }
    if (n > 0) {
      queue.splice(0, n);
      this.pendingCount -= n;
    }
  }

  /**
   * Too many invalidations wait for a projection that is far behind (a replay): keep nothing
   * rather than an unbounded queue, until the projection has stored everything seen.
   */
  private suspend(why: string): void {
    this.logger.warn(`${why}: the cache keeps nothing until it catches up`);
    this.suspended = true;
    for (const queue of this.pending) queue.length = 0;
    this.pendingCount = 0;
    this.cache.suspend();
  }

  /** Runs the checkpoint poll loop if anything needs it. */
  private kick(): void {
    if (this.polling || this.closed) return;
    if (this.waiters.size === 0 && this.pendingCount === 0 && !this.suspended) return;
    this.polling = true;
    void this.pollLoop();
  }

  private async pollLoop(): Promise<void> {
    try {
      while (!this.closed && (this.waiters.size > 0 || this.pendingCount > 0 || this.suspended)) {
        try {
          this.observe(await this.store.getCheckpoints());
          this.lastPollError = '';
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (message !== this.lastPollError)
            this.logger.warn(`cannot read checkpoints: ${message}`);
          this.lastPollError = message;
        }
        await sleep(this.waiters.size > 0 ? this.waitPollMs : this.pendingPollMs);
      }
    } finally {
      this.polling = false;
    }
  }
}
