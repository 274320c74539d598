import { Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { Consumer, Kafka, Message, Producer } from 'kafkajs';
import {
  SERVICE_SIGNATURE_HEADER,
  type CommandEnvelope,
  type CommandReply,
} from '@portcullis/contracts';
import type { ServiceSignature } from '@portcullis/credentials';
import { CommandGateway } from '../command-gateway.port';

interface Waiter {
  resolve: (reply: CommandReply) => void;
  timer: NodeJS.Timeout;
}

interface Queued {
  envelope: CommandEnvelope & { correlationId: string };
  message: Message;
}

/**
 * The HTTP API's way to the single writer when Kafka runs (and the Kafka transport's client side):
 * the command goes onto `iam.commands` keyed by account id, and the reply comes back on
 * `iam.command-results`, read (read-committed: only replies of committed transactions) by a
 * consumer group of this instance alone and matched by correlation id.
 *
 * Sends are grouped: while one produce request is in flight, commands submitted meanwhile wait
 * and go together in the next one (the idempotent producer allows one request in flight), so the
 * produce rate follows the load instead of capping it at one round trip per command.
 */
export class KafkaCommandGateway extends CommandGateway {
  private readonly logger = new Logger('CommandGateway');
  private readonly waiting = new Map<string, Waiter>();
  private queue: Queued[] = [];
  private sending = false;
  private producer: Producer | null = null;
  private replies: Consumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: { commands: string; commandResults: string },
    /** Vouches for the commands this edge authenticated (the partition owner checks it). */
    private readonly signature: ServiceSignature,
    private readonly replyTimeoutMs = 30_000,
  ) {
    super();
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { initialRetryTime: 20, maxRetryTime: 1_000, retries: 6 },
    });
    await this.producer.connect();
    const replies = this.kafka.consumer({
      groupId: `portcullis-replies-${randomUUID()}`,
      readUncommitted: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 100,
    });
    this.replies = replies;
    // Replies are only seen once this consumer has its partitions and a position on them.
    const positioned = new Promise<void>((resolve) => {
      const off = replies.on(replies.events.FETCH, () => {
        off();
        resolve();
      });
    });
    await replies.connect();
    await replies.subscribe({ topic: this.topics.commandResults, fromBeginning: false });
    await replies.run({
      partitionsConsumedConcurrently: 8,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) this.onReply(message.value);
      },
    });
    await positioned;
  }

  async stop(): Promise<void> {
    for (const [id, w] of this.waiting) {
      clearTimeout(w.timer);
      w.resolve(
        this.unavailable({ commandId: '', correlationId: id }, 'The service is shutting down.'),
      );
    }
    this.waiting.clear();
    await this.replies?.disconnect();
    await this.producer?.disconnect();
  }

  /** Commands waiting for their reply. */
  get inFlight(): number {
    return this.waiting.size;
  }

  submit(command: CommandEnvelope): Promise<CommandReply> {
    if (!this.producer) return Promise.reject(new Error('KafkaCommandGateway not started'));
    const envelope = { ...command, correlationId: command.correlationId ?? command.commandId };
    const reply = new Promise<CommandReply>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(envelope.correlationId);
        // The command may still be applied later: a retry with the same command id is safe.
        resolve(
          this.unavailable(
            envelope,
            'No reply from the command service in time; retry with the same command id.',
          ),
        );
      }, this.replyTimeoutMs);
      this.waiting.set(envelope.correlationId, { resolve, timer });
    });
    const value = Buffer.from(JSON.stringify(envelope));
    this.queue.push({
      envelope,
      message: {
        key: envelope.accountId,
        value,
        headers: { [SERVICE_SIGNATURE_HEADER]: this.signature.sign(value) },
      },
    });
    void this.flush();
    return reply;
  }

  private async flush(): Promise<void> {
    if (this.sending || !this.producer) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.producer.send({
            topic: this.topics.commands,
            messages: batch.map((q) => q.message),
          });
        } catch (error) {
          this.logger.warn(`cannot send ${batch.length} command(s): ${String(error)}`);
          for (const { envelope } of batch) {
            const w = this.waiting.get(envelope.correlationId);
            if (!w) continue;
            clearTimeout(w.timer);
            this.waiting.delete(envelope.correlationId);
            w.resolve(
              this.unavailable(
                envelope,
                'The command could not be queued; retry with the same command id.',
              ),
            );
          }
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private onReply(value: Buffer | null): void {
    let reply: CommandReply;
    try {
      reply = JSON.parse(value?.toString('utf8') ?? '') as CommandReply;
    } catch {
      return;
    }
    const waiter = this.waiting.get(reply.correlationId);
    if (!waiter) return;
    this.waiting.delete(reply.correlationId);
    clearTimeout(waiter.timer);
    waiter.resolve(reply);
  }

  private unavailable(
    ids: { commandId: string; correlationId: string },
    message: string,
  ): CommandReply {
    return {
      commandId: ids.commandId,
      correlationId: ids.correlationId,
      ok: false,
      error: { Code: 'ServiceUnavailable', Message: message },
    };
  }
}
