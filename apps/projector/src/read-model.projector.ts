import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@portcullis/contracts';
import {
  encodeEvent,
  type EventDecodeError,
  type LoggedEvent,
  type RawRecord,
} from '@portcullis/event-log';
import type {
  ReadModelDocuments,
  ReadModelKind,
  ReadModelStore,
  ReadModelWrite,
} from '@portcullis/read-models';
import type { DeadLetter, DeadLetterReason, DeadLetters } from './dead-letters/dead-letters.port';
import { DocumentCache } from './document-cache';
import {
  applyEventAtomically,
  type DocRef,
  fanOutIds,
  ProjectionError,
  ProjectionWorkspace,
  touchedIds,
  UnknownEventTypeError,
} from './projection';
import { ProjectorMetrics } from './projector-metrics';

export interface ProjectorLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ReadModelProjectorOptions {
  store: ReadModelStore;
  deadLetters: DeadLetters;
  /** Named in dead letters as the records' source (default `iam.events`). */
  eventsTopic?: string;
  /** Documents kept between batches (see DocumentCache); 0 turns the cache off. Default 50,000. */
  cacheSize?: number;
  logger?: ProjectorLogger;
}

const KINDS_READ: {
  [K in ReadModelKind]: (
    s: ReadModelStore,
    ids: string[],
  ) => Promise<(ReadModelDocuments[K] | null)[]>;
} = {
  principal: (s, ids) => s.getPrincipals(ids),
  group: (s, ids) => s.getGroups(ids),
  groupMembers: (s, ids) => s.getGroupMembersMany(ids),
  policy: (s, ids) => s.getPolicies(ids),
  accessKey: (s, ids) => s.getAccessKeys(ids),
};

function rawRecordOf(event: EventEnvelope, partition: number): RawRecord {
  const message = encodeEvent(event, partition);
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (typeof value === 'string') headers[name] = Buffer.from(value, 'utf8');
    else if (Buffer.isBuffer(value)) headers[name] = value;
  }
  const bytes = (v: unknown): Buffer | null =>
    v === null || v === undefined ? null : Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8');
  return { key: bytes(message.key), value: bytes(message.value), headers };
}

/**
 * The live projection: folds batches of the event log (one partition each) into the read-model
 * store. Per batch: the account sequences → the events above them → the documents they touch,
 * read concurrently by `_id` (or from the cache) → `applyEvent` for each, in order, each all or
 * nothing → one bulk write of the changed documents (puts, then deletes) → the accounts'
 * sequences → the partition's checkpoint. A poison record goes to the dead letters and the
 * projector goes on; a store failure rejects the batch, which the event log redelivers.
 */
export class ReadModelProjector {
  readonly metrics = new ProjectorMetrics();
  private readonly cache: DocumentCache;
  private readonly logger: ProjectorLogger;
  private readonly eventsTopic: string;

  constructor(private readonly options: ReadModelProjectorOptions) {
    this.cache = new DocumentCache(options.cacheSize ?? 50_000);
    this.logger = options.logger ?? new Logger('Projector');
    this.eventsTopic = options.eventsTopic ?? 'iam.events';
  }

  private get store(): ReadModelStore {
    return this.options.store;
  }

  /** Past records that are no events (Kafka transaction markers): nothing to apply, only progress. */
  async progress(partition: number, nextOffset: string): Promise<void> {
    await this.store.advanceCheckpoint({ partition, nextOffset });
  }

  /** `onDecodeError`: parks a record that is no event envelope. */
  async parkUndecodable(error: EventDecodeError): Promise<void> {
    await this.park(
      'undecodable',
      error,
      error.position.partition,
      error.position.offset,
      error.raw,
    );
  }

  async project(batch: readonly LoggedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const started = performance.now();
    const partition = batch[0].position.partition;
    const accounts = [...new Set(batch.map((b) => b.event.accountId))];
    const stored = new Map(
      await Promise.all(
        accounts.map(async (a) => [a, await this.store.getAccountSequence(a)] as const),
      ),
    );
    try {
      for (const [account, sequence] of stored) this.cache.validate(account, sequence);

      // Events past what each account has applied (redelivered ones are skipped).
      const reached = new Map(stored);
      const pending: LoggedEvent[] = [];
      for (const item of batch) {
        const { accountId, sequence } = item.event;
        if (sequence <= (reached.get(accountId) ?? 0)) continue;
        reached.set(accountId, sequence);
        pending.push(item);
      }

      const ws = new ProjectionWorkspace();
      let documentsRead = 0;
      documentsRead += await this.load(ws, this.refsToLoad(ws, pending));
      let applied = 0;
      let deadLettered = 0;
      let documentsWritten = 0;
      for (const item of pending) {
        // A document created where this batch vacated one (a group renamed away, then a new group
        // of that name): write what came before first. In one write, a partial failure could store
        // the new document but not the rename's target, and the retry, reading the newer document
        // at the old name, would never redo the rename.
        if (touchedIds(item.event).some((r) => r.creates && ws.pendingDelete(r.kind, r.id))) {
          documentsWritten += await this.flush(ws);
        }
        documentsRead += await this.load(ws, ws.missing(fanOutIds(item.event, ws)));
        try {
          applyEventAtomically(ws, item.event);
          applied++;
        } catch (error) {
          deadLettered++;
          const reason: DeadLetterReason =
            error instanceof UnknownEventTypeError ? 'unknown-type' : 'projection-failed';
          await this.park(
            reason,
            error,
            partition,
            item.position.offset,
            rawRecordOf(item.event, partition),
          );
        }
      }

      documentsWritten += await this.flush(ws);
      await Promise.all(
        [...reached]
          .filter(([account, sequence]) => sequence > (stored.get(account) ?? 0))
          .map(([account, sequence]) => this.store.advanceAccountSequence(account, sequence)),
      );
      const nextOffset = (BigInt(batch[batch.length - 1].position.offset) + 1n).toString();
      await this.store.advanceCheckpoint({ partition, nextOffset });

      for (const { kind, id, doc } of ws.loaded()) this.cache.set(kind, id, doc);
      for (const [account, sequence] of reached) this.cache.setSequence(account, sequence);
      this.metrics.batch({
        partition,
        events: batch.length,
        applied,
        skipped: batch.length - pending.length,
        deadLettered,
        documentsRead,
        documentsWritten,
        nextOffset,
        durationMs: performance.now() - started,
      });
    } catch (error) {
      // The store may hold some of this batch's writes: trust it again only once it is redone.
      for (const account of accounts) this.cache.evictAccount(account);
      throw error;
    }
  }

  /**
   * The documents the pending events name, in log order. A document first named by the event
   * that creates it is taken as absent (no read); any other is read.
   */
  private refsToLoad(ws: ProjectionWorkspace, pending: readonly LoggedEvent[]): DocRef[] {
    const first = new Map<string, { ref: DocRef; creates: boolean }>();
    for (const { event } of pending) {
      for (const t of touchedIds(event)) {
        const key = `${t.kind}\u0000${t.id}`;
        if (!first.has(key))
          first.set(key, { ref: { kind: t.kind, id: t.id }, creates: !!t.creates });
      }
    }
    const toRead: DocRef[] = [];
    for (const { ref, creates } of first.values()) {
      if (ws.isLoaded(ref.kind, ref.id)) continue;
      if (creates) ws.load(ref.kind, ref.id, null);
      else toRead.push(ref);
    }
    return toRead;
  }

  /** Loads refs from the cache, then the rest from the store (by `_id`, concurrently). */
  private async load(ws: ProjectionWorkspace, refs: readonly DocRef[]): Promise<number> {
    if (refs.length === 0) return 0;
    const byKind = new Map<ReadModelKind, string[]>();
    let hits = 0;
    for (const ref of refs) {
      if (ws.isLoaded(ref.kind, ref.id)) continue;
      const cached = this.cache.get(ref.kind, ref.id);
      if (cached !== undefined) {
        ws.load(ref.kind, ref.id, cached);
        hits++;
        continue;
      }
      const ids = byKind.get(ref.kind) ?? [];
      ids.push(ref.id);
      byKind.set(ref.kind, ids);
    }
    let read = 0;
    await Promise.all(
      [...byKind].map(async ([kind, ids]) => {
        const docs = await KINDS_READ[kind](this.store, ids);
        ids.forEach((id, i) => ws.load(kind, id, docs[i]));
        read += ids.length;
      }),
    );
    this.metrics.read(read, hits);
    return read;
  }

  /** Writes the workspace's changes; the store then holds its state. Answers the writes made. */
  private async flush(ws: ProjectionWorkspace): Promise<number> {
    const writes = ws.writes();
    await this.write(writes);
    ws.markWritten();
    return writes.length;
  }

  /**
   * Puts first, deletes after: a move (rename) is a put of the new document and a delete of the
   * old one, and until the old one is gone a redelivered batch redoes the whole move.
   */
  private async write(writes: readonly ReadModelWrite[]): Promise<void> {
    const puts = writes.filter((w) => 'put' in w);
    const deletes = writes.filter((w) => 'delete' in w);
    if (puts.length) await this.store.bulkWrite(puts);
    if (deletes.length) await this.store.bulkWrite(deletes);
  }

  private async park(
    reason: DeadLetterReason,
    error: unknown,
    partition: number,
    offset: string,
    record: RawRecord,
  ): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const errorCode =
      error instanceof ProjectionError
        ? error.code
        : typeof (error as { code?: unknown })?.code === 'string'
          ? (error as { code: string }).code
          : undefined;
    const letter: DeadLetter = {
      reason,
      error: message,
      ...(errorCode !== undefined && { errorCode }),
      source: { topic: this.eventsTopic, partition, offset },
      record,
      parkedAt: new Date().toISOString(),
    };
    await this.options.deadLetters.publish(letter);
    const count = this.metrics.deadLetter(reason);
    this.logger.warn(
      `parked ${reason} record ${this.eventsTopic}/${partition}@${offset} in the DLQ and moved on ` +
        `(${count} parked since start): ${message}`,
    );
  }
}
