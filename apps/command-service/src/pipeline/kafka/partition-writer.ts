import type { Logger } from '@nestjs/common';
import type { Admin, Kafka, KafkaMessage, Message, Producer, Transaction } from 'kafkajs';
import type {
  CommandEnvelope,
  CommandError,
  CommandReply,
  EventEnvelope,
} from '@portcullis/contracts';
import {
  decodeRecord,
  encodeEvent,
  EventDecodeError,
  type LogPosition,
} from '@portcullis/event-log';
import type { AccountRepository } from '../account.repository';
import type { CommandDecision, CommandProcessor } from '../command-processor';
import { encryptReplySecrets } from '../../credentials/shared/sealed-reply-secret';
import { COMMAND_CATALOG } from '../command-catalog';
import { replyFor } from '../reply';
import {
  isFencingError,
  retryOnCoordinator,
  sleep,
  TimeoutError,
  withTimeout,
} from './kafka-retry';
import { replayPartition } from './partition-replay';

export interface CommandWriterSettings {
  groupId: string;
  commandsTopic: string;
  commandResultsTopic: string;
  eventsTopic: string;
  /** Prefix of the per-partition transactional ids (`<prefix>-<partition>`). */
  transactionalIdPrefix: string;
  /** Commands per transaction at most. */
  chunkSize: number;
  /** Bytes of commands per transaction at most (a chunk always holds at least one command). */
  chunkBytes: number;
  /** Client-side bound on one transaction, first send to commit; past it: abort or re-fence. */
  transactionTimeoutMs: number;
  /** `transaction.timeout.ms` of the producers: how long the broker lets a dead owner's
   *  transaction hold readers back if no new owner fences it first. */
  brokerTransactionTimeoutMs: number;
  /** Bound on fencing and admin requests. */
  requestTimeoutMs: number;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  /** Fetch size of the rebuild reader (see partition-replay.ts for what was measured). */
  replayMaxBytesPerPartition: number;
  /** Attempts of one chunk's transaction (a resend follows a clean abort) before a rebuild. */
  maxTransactionAttempts: number;
}

export const DEFAULT_WRITER_SETTINGS = {
  chunkSize: 200,
  chunkBytes: 256 * 1024,
  transactionTimeoutMs: 10_000,
  brokerTransactionTimeoutMs: 30_000,
  requestTimeoutMs: 10_000,
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 1_000,
  rebalanceTimeoutMs: 15_000,
  replayMaxBytesPerPartition: 4 * 1024 * 1024,
  maxTransactionAttempts: 3,
} satisfies Partial<CommandWriterSettings>;

/** Test hooks, run inside each transaction. */
export interface WriterFaults {
  /** After events, replies and offsets were sent, before the commit. */
  beforeCommit?(partition: number, offsets: ChunkOffsets): Promise<void>;
  /** After the commit returned. */
  afterCommit?(partition: number, offsets: ChunkOffsets): Promise<void>;
}

export interface ChunkOffsets {
  first: string;
  last: string;
}

/** What a writer tells whoever listens (logs, tests, the benchmark). */
export type WriterEvent =
  | {
      type: 'ready';
      partition: number;
      events: number;
      committedOffset: string | null;
      ms: { fence: number; offsets: number; replay: number; total: number };
    }
  | {
      type: 'committed';
      partition: number;
      commands: number;
      events: number;
      ms: number;
      attempts: number;
    }
  | { type: 'retry'; partition: number; what: string; error: string }
  | { type: 'fenced'; partition: number; error: string }
  | { type: 'dropped'; partition: number; reason: string }
  | { type: 'open-failed'; partition: number; error: string };

export interface WriterContext {
  kafka: Kafka;
  admin: Admin;
  accounts: AccountRepository;
  processor: CommandProcessor;
  partitionFor(accountId: string): number;
  settings: CommandWriterSettings;
  faults(): WriterFaults;
  notify(event: WriterEvent): void;
  logger: Logger;
  /** Partitions of the default reply topic (replies of partition P go to P), null: by key. */
  replyPartitions: number | null;
}

/** Another producer took our transactional id: stop writing this partition. */
export class WriterFencedError extends Error {
  constructor(partition: number, cause: unknown) {
    super(`partition ${partition}: fenced by a newer owner (${String(cause)})`, { cause });
    this.name = 'WriterFencedError';
  }
}

/** The partition's in-memory state can no longer be trusted: drop it and rebuild from the log. */
export class WriterBrokenError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'WriterBrokenError';
  }
}

/** kafkajs's heartbeat failed (rebalance, unknown member): the consumer must rejoin the group. */
export class HeartbeatError extends Error {
  constructor(readonly original: unknown) {
    super(`heartbeat failed: ${String(original)}`);
    this.name = 'HeartbeatError';
  }
}

class WriterClosedError extends Error {
  constructor(partition: number) {
    super(`partition ${partition}: writer closed`);
    this.name = 'WriterClosedError';
  }
}

interface Processed {
  offset: string;
  replyTopic?: string;
  /** Set when this is a retry of a command earlier in the same chunk. */
  sameAs?: Processed;
  positions?: LogPosition[];
  envelope: Pick<CommandEnvelope, 'commandId' | 'correlationId' | 'accountId'> &
    Partial<Pick<CommandEnvelope, 'action' | 'replyKey'>>;
  decision: CommandDecision;
}

export interface ChunkResult {
  /** The commands the transaction covered (a prefix of the chunk; all of it unless `rebuild`). */
  consumed: KafkaMessage[];
  /** A handler failed unexpectedly: the aggregate may hold half a change; rebuild before going on. */
  rebuild: boolean;
}

type Heartbeat = () => Promise<void>;

/**
 * The owner of one command partition P for as long as this instance holds it: a transactional
 * producer `<prefix>-P`, the aggregates of P's accounts and the committed command offset.
 *
 * Taking P (`open`), in this order — fence first, then read:
 *   1. create the producer and abort an empty transaction: InitProducerId bumps the epoch, so a
 *      previous owner can no longer commit, and its open transaction is aborted (or, if it was
 *      already committing, completed) before InitProducerId returns;
 *   2. read the group's committed offset of P (kafkajs's OffsetFetch cannot ask for stable
 *      offsets, which is why this comes after the fence) and the end of events partition P
 *      (ListOffsets read-committed: the last stable offset);
 *   3. replay events P up to that end into the aggregates and the idempotency record.
 * Commands below the committed offset are skipped.
 *
 * Per chunk (`process`): decide every command, then ONE transaction with the events (P), the
 * replies and the consumed offset. The aggregates are changed by the decisions themselves (the
 * domain applies what it raises), so any failure whose outcome is not a clean abort drops the
 * state for a rebuild from the log; after a clean abort the same decided content is sent again.
 */
export class PartitionWriter {
  state: 'opening' | 'ready' | 'failed' | 'closed' = 'opening';
  /** Offset of the next command to process (the committed offset); null: nothing committed yet. */
  nextOffset: bigint | null = null;
  /** Set once a fetch position past `nextOffset` was checked against the group's offset. */
  gapChecked = false;
  readonly ready: Promise<void>;
  private producer: Producer | null = null;
  private openTx: Transaction | null = null;
  private busy: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly ctx: WriterContext,
    readonly partition: number,
    /** The previous writer of this partition in this process, until it has dropped its state. */
    previous: Promise<void>,
  ) {
    this.ready = this.open(previous);
    this.ready.catch(() => undefined);
  }

  private get settings(): CommandWriterSettings {
    return this.ctx.settings;
  }

  // ---- taking the partition ----------------------------------------------------------------

  private async open(previous: Promise<void>): Promise<void> {
    await previous.catch(() => undefined);
    const t0 = Date.now();
    try {
      this.assertOpen();
      this.producer = await this.fence();
      this.assertOpen();
      const tFenced = Date.now();
      const [committed, end] = await Promise.all([this.fetchCommitted(), this.eventsEnd()]);
      this.assertOpen();
      const tOffsets = Date.now();
      this.forgetState();
      let events = 0;
      await replayPartition({
        kafka: this.ctx.kafka,
        topic: this.settings.eventsTopic,
        partition: this.partition,
        end,
        groupPrefix: `${this.settings.groupId}.rebuild-${this.partition}`,
        maxBytesPerPartition: this.settings.replayMaxBytesPerPartition,
        cancelled: () => this.state === 'closed',
        onRecords: (messages) => {
          for (const message of messages) {
            const decoded = decodeRecord(message, this.partition);
            if (decoded instanceof EventDecodeError) throw decoded;
            const { event, position } = decoded;
            if (this.ctx.partitionFor(event.accountId) !== this.partition) {
              this.ctx.logger.warn(
                `events[${this.partition}]@${position.offset}: account ${event.accountId} belongs to another partition; ignored`,
              );
              continue;
            }
            this.ctx.accounts.applyFromLog(event, position);
            events++;
          }
        },
      });
      this.assertOpen();
      this.nextOffset = committed;
      this.state = 'ready';
      const now = Date.now();
      this.ctx.notify({
        type: 'ready',
        partition: this.partition,
        events,
        committedOffset: committed === null ? null : committed.toString(),
        ms: {
          fence: tFenced - t0,
          offsets: tOffsets - tFenced,
          replay: now - tOffsets,
          total: now - t0,
        },
      });
    } catch (error) {
      if (this.state !== 'closed') this.state = 'failed';
      this.forgetState();
      this.disconnectProducer();
      throw error;
    }
  }

  /** A new producer for our transactional id, initialised by aborting an empty transaction. */
  private async fence(): Promise<Producer> {
    const producer = this.ctx.kafka.producer({
      transactionalId: `${this.settings.transactionalIdPrefix}-${this.partition}`,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: this.settings.brokerTransactionTimeoutMs,
      // KAFKA.md: a 300 ms first retry makes the CONCURRENT_TRANSACTIONS after a commit a stall;
      // bounded, because the idempotent producer otherwise retries forever.
      retry: { initialRetryTime: 20, maxRetryTime: 500, retries: 6 },
    });
    try {
      await withTimeout(producer.connect(), this.settings.requestTimeoutMs, 'producer connect');
      await withTimeout(
        (async () => {
          const tx = await producer.transaction();
          await tx.abort();
        })(),
        this.settings.requestTimeoutMs,
        'fencing (InitProducerId)',
      );
      return producer;
    } catch (error) {
      producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /** The group's committed offset of our command partition (null: none). */
  async fetchCommitted(): Promise<bigint | null> {
    const topics = await withTimeout(
      this.ctx.admin.fetchOffsets({
        groupId: this.settings.groupId,
        topics: [this.settings.commandsTopic],
      }),
      this.settings.requestTimeoutMs,
      'fetching the committed offset',
    );
    const found = topics[0]?.partitions.find((p) => p.partition === this.partition);
    return found && found.offset !== '-1' ? BigInt(found.offset) : null;
  }

  private async eventsEnd(): Promise<bigint> {
    const offsets = await withTimeout(
      this.ctx.admin.fetchTopicOffsets(this.settings.eventsTopic),
      this.settings.requestTimeoutMs,
      'fetching the end of the events partition',
    );
    const found = offsets.find((o) => o.partition === this.partition);
    if (!found) throw new Error(`${this.settings.eventsTopic} has no partition ${this.partition}`);
    return BigInt(found.offset);
  }

  // ---- one chunk, one transaction ----------------------------------------------------------

  process(chunk: KafkaMessage[], heartbeat: Heartbeat): Promise<ChunkResult> {
    if (this.state !== 'ready') return Promise.reject(new WriterClosedError(this.partition));
    const run = this.runChunk(chunk, heartbeat);
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async runChunk(chunk: KafkaMessage[], heartbeat: Heartbeat): Promise<ChunkResult> {
    const t0 = Date.now();
    const { processed, rebuild } = await this.decideChunk(chunk);
    const consumed = chunk.slice(0, processed.length);
    const events = processed.flatMap((p) =>
      p.decision.kind === 'accepted' && !p.sameAs ? p.decision.events : [],
    );
    const offsets = { first: consumed[0].offset, last: consumed[consumed.length - 1].offset };
    for (let attempt = 1; ; attempt++) {
      this.assertOpen();
      const run = { abandoned: false };
      try {
        await withTimeout(
          this.transact(processed, events, offsets, run),
          this.settings.transactionTimeoutMs,
          `transaction of commands[${this.partition}] ${offsets.first}..${offsets.last}`,
        );
      } catch (error) {
        // A timed-out attempt may still be running: it must not go on to commit (or reconnect
        // a producer that recovery is about to replace).
        run.abandoned = true;
        if (this.state === 'closed') throw new WriterClosedError(this.partition);
        if (isFencingError(error)) throw new WriterFencedError(this.partition, error);
        this.ctx.notify({
          type: 'retry',
          partition: this.partition,
          what: 'transaction',
          error: String(error),
        });
        if (attempt >= this.settings.maxTransactionAttempts) {
          throw new WriterBrokenError(`transaction failed ${attempt} times`, error);
        }
        const outcome = await this.settle(error, heartbeat);
        if (outcome === 'unknown') {
          throw new WriterBrokenError(`transaction outcome unknown after: ${String(error)}`, error);
        }
        continue; // cleanly aborted: nothing of it is visible; send the same decisions again
      }
      // Committed: only now does the idempotency record learn of these commands. Those that
      // appended nothing are not recorded: a rebuild from the log could not know them either,
      // so their retries are decided again, by every owner alike.
      for (const p of processed) {
        if (p.decision.kind !== 'accepted' || p.sameAs || p.decision.events.length === 0) continue;
        this.ctx.accounts.recordCommitted(p.envelope.accountId, p.envelope.commandId, {
          events: p.decision.domainEvents,
          positions: p.positions ?? [],
        });
      }
      this.nextOffset = BigInt(offsets.last) + 1n;
      this.ctx.notify({
        type: 'committed',
        partition: this.partition,
        commands: processed.length,
        events: events.length,
        ms: Date.now() - t0,
        attempts: attempt,
      });
      return { consumed, rebuild };
    }
  }

  private async transact(
    processed: Processed[],
    events: EventEnvelope[],
    offsets: ChunkOffsets,
    run: { abandoned: boolean },
  ): Promise<void> {
    const producer = this.producer;
    if (!producer) throw new WriterBrokenError('no producer');
    const step = () => {
      if (run.abandoned) throw new Error('transaction attempt abandoned');
    };
    const tx = await producer.transaction();
    step();
    this.openTx = tx;
    let positions: LogPosition[] = [];
    if (events.length > 0) {
      // Events first: their offsets (known before the commit) make the replies' tokens.
      const metadata = await tx.send({
        topic: this.settings.eventsTopic,
        acks: -1,
        messages: events.map((e) => encodeEvent(e, this.partition)),
      });
      step();
      const meta = metadata.find(
        (m) => m.topicName === this.settings.eventsTopic && m.partition === this.partition,
      );
      if (!meta?.baseOffset) throw new Error('no base offset for the events');
      const base = BigInt(meta.baseOffset);
      positions = events.map((_, i) => ({
        partition: this.partition,
        offset: (base + BigInt(i)).toString(),
      }));
    }
    const replies = this.replies(processed, positions);
    const byTopic = new Map<string, Message[]>();
    for (const r of replies) {
      const list = byTopic.get(r.topic) ?? [];
      list.push(r.message);
      byTopic.set(r.topic, list);
    }
    await tx.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    step();
    // kafkajs retries neither AddOffsetsToTxn nor a CONCURRENT_TRANSACTIONS answer (#1068).
    await retryOnCoordinator(
      () =>
        tx.sendOffsets({
          consumerGroupId: this.settings.groupId,
          topics: [
            {
              topic: this.settings.commandsTopic,
              partitions: [
                { partition: this.partition, offset: (BigInt(offsets.last) + 1n).toString() },
              ],
            },
          ],
        }),
      {},
      (error, n) =>
        this.ctx.notify({
          type: 'retry',
          partition: this.partition,
          what: `sendOffsets #${n}`,
          error: String(error),
        }),
    );
    step();
    await this.ctx.faults().beforeCommit?.(this.partition, offsets);
    step();
    // A failed EndTxn leaves kafkajs's transaction in COMMITTING: it cannot be sent again on this
    // producer. settle() finds out what happened and resends or rebuilds.
    await tx.commit();
    this.openTx = null;
    await this.ctx.faults().afterCommit?.(this.partition, offsets);
  }

  /**
   * After a failed transaction: 'aborted' when nothing of it is (or will become) visible and no
   * one else has written since our last commit, so the same decisions may be sent again;
   * 'unknown' otherwise (it may have committed, or another owner wrote): rebuild.
   */
  private async settle(error: unknown, heartbeat: Heartbeat): Promise<'aborted' | 'unknown'> {
    const tx = this.openTx;
    this.openTx = null;
    if (tx && !(error instanceof TimeoutError)) {
      try {
        // Succeeds only while our epoch is the newest: no one else can have written since.
        await withTimeout(tx.abort(), this.settings.requestTimeoutMs, 'abort');
        return 'aborted';
      } catch (abortError) {
        if (isFencingError(abortError)) throw new WriterFencedError(this.partition, abortError);
        // The transaction is stuck (failed commit or abort): fence it below.
      }
    }
    // Only the partition's owner may fence: make sure the group still counts us as a member
    // (a zombie learns here that it was replaced, instead of fencing the new owner back).
    await ensureMember(heartbeat, this.settings.heartbeatIntervalMs);
    this.assertOpen();
    this.disconnectProducer();
    // A new producer's InitProducerId aborts our open transaction, or waits for it to complete
    // if the commit had reached the coordinator; then the committed offset tells which.
    this.producer = await this.fence();
    this.assertOpen();
    const committed = await this.fetchCommitted();
    return committed === this.nextOffset ? 'aborted' : 'unknown';
  }

  private replies(
    processed: Processed[],
    positions: LogPosition[],
  ): { topic: string; message: Message }[] {
    let at = 0;
    for (const p of processed) {
      if (p.decision.kind !== 'accepted' || p.sameAs) continue;
      p.positions = positions.slice(at, at + p.decision.events.length);
      at += p.decision.events.length;
    }
    return processed.map((p) => {
      const topic = p.replyTopic ?? this.settings.commandResultsTopic;
      const reply: CommandReply = this.toReplyKey(
        p,
        replyFor(p.envelope, p.decision, (p.sameAs ?? p).positions ?? []),
      );
      const message: Message = { key: reply.correlationId, value: JSON.stringify(reply) };
      // Replies of partition P go to reply partition P (co-partitioned, created together): one
      // partition more in the transaction instead of one per distinct correlation id.
      if (topic === this.settings.commandResultsTopic && this.ctx.replyPartitions !== null) {
        message.partition = this.partition % this.ctx.replyPartitions;
      }
      return { topic, message };
    });
  }

  /**
   * A caller that named its public key (`replyKey`, signed with the command) gets the reply's
   * secrets encrypted to it instead of sealed under the service's key. A retry's reply (same
   * command id) goes through here again: encrypted afresh, to the retry's own key.
   */
  private toReplyKey(p: Processed, reply: CommandReply): CommandReply {
    const { action, replyKey } = p.envelope;
    if (!reply.ok || !replyKey || !action || !Object.hasOwn(COMMAND_CATALOG, action)) return reply;
    if (!COMMAND_CATALOG[action].revealSecrets) return reply;
    const secrets = this.ctx.processor.secrets;
    if (!secrets) return reply;
    try {
      return { ...reply, output: encryptReplySecrets(reply.output, secrets, replyKey) };
    } catch (error) {
      // Cannot happen with a consistent key ring; never send the secret some other way.
      this.ctx.logger.error(
        `partition ${this.partition}: reply of ${reply.commandId} not encrypted: ${String(error)}`,
      );
      return {
        commandId: reply.commandId,
        correlationId: reply.correlationId,
        ok: false,
        error: {
          Code: 'ServiceFailure',
          Message:
            'The command was processed but its reply could not be encrypted to replyKey; retry with the same commandId and a valid key.',
        },
      };
    }
  }

  // ---- deciding ----------------------------------------------------------------------------

  private async decideChunk(
    chunk: KafkaMessage[],
  ): Promise<{ processed: Processed[]; rebuild: boolean }> {
    const processed: Processed[] = [];
    // A retry of a command earlier in the same chunk is not committed yet: answer it like the first.
    const seen = new Map<string, Processed>();
    for (const message of chunk) {
      const { item, unexpected } = await this.decide(message, seen);
      processed.push(item);
      if (!item.sameAs && item.decision.kind === 'accepted')
        seen.set(`${item.envelope.accountId}/${item.envelope.commandId}`, item);
      // A handler threw something other than an IAM error: its account may hold half a change.
      // Answer it, commit what was decided so far, and rebuild before deciding anything else.
      if (unexpected) return { processed, rebuild: true };
    }
    return { processed, rebuild: false };
  }

  private async decide(
    message: KafkaMessage,
    seen: Map<string, Processed>,
  ): Promise<{ item: Processed; unexpected: boolean }> {
    const base = { offset: message.offset, replyTopic: replyTopicOf(message) };
    const reject = (
      envelope: Processed['envelope'],
      error: string | CommandError,
    ): { item: Processed; unexpected: boolean } => ({
      item: {
        ...base,
        envelope,
        decision: {
          kind: 'rejected',
          error: typeof error === 'string' ? { Code: 'ValidationError', Message: error } : error,
        },
      },
      unexpected: false,
    });
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      // Nothing to take ids from: the reply is keyed (and correlated) by the message key.
      const key = message.key?.toString() ?? '';
      return reject(
        { commandId: key, correlationId: key, accountId: '' },
        'The command is not valid JSON.',
      );
    }
    const checked = this.ctx.processor.validateEnvelope(raw);
    if (!checked.ok) {
      const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const commandId =
        typeof r.commandId === 'string' ? r.commandId : (message.key?.toString() ?? '');
      const correlationId = typeof r.correlationId === 'string' ? r.correlationId : commandId;
      return reject({ commandId, correlationId, accountId: '' }, checked.error);
    }
    const authenticated = await this.ctx.processor.authenticate(checked.value, {
      value: message.value ?? Buffer.alloc(0),
      headers: message.headers ?? {},
      timestamp: Number(message.timestamp),
    });
    if (!authenticated.ok) return reject(checked.value, authenticated.error);
    const envelope = authenticated.value;
    if (this.ctx.partitionFor(envelope.accountId) !== this.partition) {
      // Only the owner of the account's partition may write its events.
      return reject(envelope, "The message key must be the command's accountId.");
    }
    const earlier = seen.get(`${envelope.accountId}/${envelope.commandId}`);
    if (earlier) {
      return {
        item: { ...base, envelope, decision: earlier.decision, sameAs: earlier },
        unexpected: false,
      };
    }
    try {
      return {
        item: { ...base, envelope, decision: await this.ctx.processor.decide(envelope) },
        unexpected: false,
      };
    } catch (error) {
      this.ctx.logger.error(
        `partition ${this.partition}: command ${envelope.commandId} failed unexpectedly: ${String(error)}`,
      );
      return {
        item: {
          ...base,
          envelope,
          decision: {
            kind: 'rejected',
            error: {
              Code: 'ServiceFailure',
              Message: 'The request processing has failed because of an unknown error.',
            },
          },
        },
        unexpected: true,
      };
    }
  }

  // ---- giving the partition up -------------------------------------------------------------

  /**
   * Stops writing: resolves once no chunk or rebuild of this writer runs any more and the
   * partition's accounts are dropped (the next writer of the partition waits for that).
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.state = 'closed';
    this.closing = (async () => {
      await this.busy;
      await this.ready.catch(() => undefined);
      this.forgetState();
      this.disconnectProducer();
    })();
    return this.closing;
  }

  private forgetState(): void {
    this.ctx.accounts.forget((id) => this.ctx.partitionFor(id) === this.partition);
  }

  /** In the background: a fenced or stuck producer may take a while to let go. */
  private disconnectProducer(): void {
    const producer = this.producer;
    this.producer = null;
    this.openTx = null;
    if (producer)
      void withTimeout(producer.disconnect(), 5_000, 'producer disconnect').catch(() => undefined);
  }

  private assertOpen(): void {
    if (this.state === 'closed') throw new WriterClosedError(this.partition);
  }
}

/** Waits one heartbeat interval (kafkajs skips a heartbeat sooner than that), then heartbeats. */
export async function ensureMember(heartbeat: Heartbeat, intervalMs: number): Promise<void> {
  await sleep(intervalMs + 100);
  await heartbeat();
}

/** Replies go to `iam.command-results` unless the command names another topic. */
function replyTopicOf(message: KafkaMessage): string | undefined {
  const header = message.headers?.['reply-topic'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined ? undefined : value.toString();
}
