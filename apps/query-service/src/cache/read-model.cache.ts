import type {
  GroupDocument,
  ManagedPolicyDocument,
  PrincipalDocument,
  ReadModelStore,
} from '@portcullis/read-models';
import { ReadModelUnavailableError } from '../shared/query.errors';
import { Lru } from './lru';

/**
 * A cached read-model document (null: the store has none). `stale` turns true when the entry
 * leaves the cache (invalidated or dropped for room): whatever was built from it (a composed
 * policy set) is then rebuilt.
 */
export interface CacheEntry<T> {
  readonly key: string;
  readonly value: T | null;
  stale: boolean;
}

/** A principal's entry also holds what was composed from it (see EffectivePolicySets). */
export interface PrincipalEntry extends CacheEntry<PrincipalDocument> {
  composed?: unknown;
}

export interface ReadModelCacheOptions {
  principals?: number;
  groups?: number;
  policies?: number;
  /** Start suspended (keeping nothing) until `resume()`: see CacheCoherence.start. */
  suspended?: boolean;
}

export const DEFAULT_CACHE_SIZES = { principals: 100_000, groups: 20_000, policies: 20_000 };

/** Most `_id`s read in one store call (an `$in` query on MongoDB). */
const MAX_READ = 500;
const GENERATION_BITS = 16;

/** FNV-1a over the string, folded to GENERATION_BITS. */
function slotOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ (h >>> GENERATION_BITS)) & ((1 << GENERATION_BITS) - 1);
}

interface Flight<E> {
  id: number;
  promise: Promise<E>;
}

interface Queued<E> {
  key: string;
  slot: number;
  generation: number;
  epoch: number;
  resolve(entry: E): void;
  reject(error: unknown): void;
}

/**
 * One kind of document: its bounded cache, its loads in flight, and the misses waiting to be
 * read together (every miss of the same tick is one store call).
 */
class DocumentKind<T, E extends CacheEntry<T>> {
  readonly lru: Lru<string, E>;
  readonly flights = new Map<string, Flight<E>>();
  private queue: Queued<E>[] = [];

  constructor(
    private readonly owner: ReadModelCache,
    capacity: number,
    private readonly fetch: (keys: string[]) => Promise<(T | null)[]>,
  ) {
    this.lru = new Lru<string, E>(capacity, (_key, entry) => void (entry.stale = true));
  }

  /** The cached entry, a load in flight started after `notBefore`, or a new load. */
  get(key: string, notBefore: number): E | Promise<E> {
    const hit = this.lru.get(key);
    if (hit !== undefined) return hit;
    const flight = this.flights.get(key);
    if (flight !== undefined && flight.id > notBefore) return flight.promise;
    return this.load(key);
  }

  private load(key: string): Promise<E> {
    const id = this.owner.nextLoadId();
    const slot = slotOf(key);
    let queued!: Queued<E>;
    const promise = new Promise<E>((resolve, reject) => {
      queued = {
        key,
        slot,
        // Remembered before the store is read: an invalidation from now on fences the result.
        generation: this.owner.generationOf(slot),
        epoch: this.owner.currentEpoch(),
        resolve,
        reject,
      };
    });
    const flight = { id, promise };
    this.flights.set(key, flight);
    const done = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    promise.then(done, done);
    if (this.queue.length === 0) queueMicrotask(() => this.flush());
    this.queue.push(queued);
    return promise;
  }

  private flush(): void {
    const queue = this.queue;
    this.queue = [];
    for (let i = 0; i < queue.length; i += MAX_READ) void this.read(queue.slice(i, i + MAX_READ));
  }

  private async read(batch: Queued<E>[]): Promise<void> {
    let docs: (T | null)[];
    try {
      docs = await this.fetch(batch.map((q) => q.key));
    } catch (error) {
      const failure = new ReadModelUnavailableError(
        `cannot read the read models: ${error instanceof Error ? error.message : String(error)}`,
      );
      for (const q of batch) q.reject(failure);
      return;
    }
    batch.forEach((q, i) => {
      const entry = { key: q.key, value: docs[i] ?? null, stale: false } as E;
      if (this.owner.mayKeep(q.slot, q.generation, q.epoch)) this.lru.set(q.key, entry);
      else entry.stale = true; // used by the requests waiting for it, never kept
      q.resolve(entry);
    });
  }
}

/**
 * Principal, group and managed-policy documents of the read models, cached, bounded, loaded
 * once however many requests miss together (the misses of one tick are one store read), and
 * invalidated by key.
 *
 * Why an invalidation cannot be lost to a load racing with it: the invalidator applies an
 * event's invalidation only once the projection has stored the event's effects (see
 * CacheCoherence). Every invalidation bumps a generation counter for its key (hashed into 2^16
 * slots: a collision only costs a needless reload); a load remembers the counter before it reads
 * the store and keeps what it read only if the counter is unchanged after. So a load either read
 * the store after the effects were stored, or an invalidation ran while it was in flight and its
 * result is used once, uncached.
 *
 * A request that needs a given freshness passes `notBefore`, the load id at the moment the
 * freshness was reached: it joins only loads started after that, and cache hits are fresh enough
 * because every invalidation up to that freshness has been applied.
 */
export class ReadModelCache {
  private readonly principals: DocumentKind<PrincipalDocument, PrincipalEntry>;
  private readonly groups: DocumentKind<GroupDocument, CacheEntry<GroupDocument>>;
  private readonly policies: DocumentKind<ManagedPolicyDocument, CacheEntry<ManagedPolicyDocument>>;
  private readonly generations = new Uint32Array(1 << GENERATION_BITS);
  /** Bumped by invalidations that cannot name their keys (group renames, clear, resume). */
  private epoch = 0;
  private lastLoadId = 0;
  /** While false, nothing loaded is kept (see suspend). */
  private keeping = true;

  constructor(store: ReadModelStore, sizes: ReadModelCacheOptions = {}) {
    this.keeping = !sizes.suspended;
    this.principals = new DocumentKind(
      this,
      sizes.principals ?? DEFAULT_CACHE_SIZES.principals,
      (keys) => store.getPrincipals(keys),
    );
    this.groups = new DocumentKind(this, sizes.groups ?? DEFAULT_CACHE_SIZES.groups, (keys) =>
      store.getGroups(keys),
    );
    this.policies = new DocumentKind(this, sizes.policies ?? DEFAULT_CACHE_SIZES.policies, (keys) =>
      store.getPolicies(keys),
    );
  }

  /** The id of the latest load started: pass it as `notBefore` to join only later loads. */
  loadMark(): number {
    return this.lastLoadId;
  }

  sizes(): { principals: number; groups: number; policies: number } {
    return {
      principals: this.principals.lru.size,
      groups: this.groups.lru.size,
      policies: this.policies.lru.size,
    };
  }

  /** The cached entry, or undefined on a miss (synchronous: the fast path of a check). */
  cachedPrincipal(arn: string): PrincipalEntry | undefined {
    return this.principals.lru.get(arn);
  }

  principal(arn: string, notBefore: number): PrincipalEntry | Promise<PrincipalEntry> {
    return this.principals.get(arn, notBefore);
  }

  groupEntries(arns: readonly string[], notBefore: number): Promise<CacheEntry<GroupDocument>[]> {
    return Promise.all(arns.map((arn) => this.groups.get(arn, notBefore)));
  }

  policyEntries(
    arns: readonly string[],
    notBefore: number,
  ): Promise<CacheEntry<ManagedPolicyDocument>[]> {
    return Promise.all(arns.map((arn) => this.policies.get(arn, notBefore)));
  }

  /** Drops whatever is cached under `key` (any kind of document) and fences loads in flight. */
  invalidate(key: string): void {
    this.generations[slotOf(key)]++;
    for (const kind of [this.principals, this.groups, this.policies] as DocumentKind<
      unknown,
      CacheEntry<unknown>
    >[]) {
      const entry = kind.lru.delete(key);
      if (entry !== undefined) entry.stale = true;
    }
  }

  /** A group changed its ARN: its members' documents change without events naming them. */
  invalidateMembersOf(groupArn: string): void {
    this.epoch++;
    const members: string[] = [];
    for (const entry of this.principals.lru.values()) {
      if (entry.value?.groupArns?.includes(groupArn)) members.push(entry.key);
    }
    for (const key of members) this.invalidate(key);
  }

  /** Drops everything and fences every load in flight. */
  clear(): void {
    this.epoch++;
    this.principals.lru.clear();
    this.groups.lru.clear();
    this.policies.lru.clear();
  }

  /**
   * Stops keeping what is loaded (everything is read from the store, used once), until
   * `resume`: for when invalidations cannot be tracked (the invalidator fell too far behind).
   */
  suspend(): void {
    this.keeping = false;
    this.clear();
  }

  resume(): void {
    this.keeping = true;
    this.epoch++; // a load started while suspended may have read what is no longer current
  }

  // ---- for DocumentKind

  nextLoadId(): number {
    return ++this.lastLoadId;
  }

  generationOf(slot: number): number {
    return this.generations[slot];
  }

  currentEpoch(): number {
    return this.epoch;
  }

  mayKeep(slot: number, generation: number, epoch: number): boolean {
    return this.keeping && this.epoch === epoch && this.generations[slot] === generation;
  }
}
