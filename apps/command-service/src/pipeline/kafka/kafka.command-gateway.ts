import { Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { CommandEnvelope, CommandReply } from '@portcullis/contracts';
import { CommandGateway } from '../command-gateway.port';

interface Waiter {
  resolve: (reply: CommandReply) => void;
  timer: NodeJS.Timeout;
}

/**
 * The HTTP API's way to the single writer when Kafka runs: the command goes onto
 * `iam.commands` keyed by account id, and the reply comes back on `iam.command-results`, read by
 * a consumer group of this instance alone and matched by correlation id.
 */
export class KafkaCommandGateway extends CommandGateway {
  private readonly logger = new Logger('CommandGateway');
  private readonly waiting = new Map<string, Waiter>();
  private producer: Producer | null = null;
  private replies: Consumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: { commands: string; commandResults: string },
    private readonly replyTimeoutMs = 30_000,
  ) {
    super();
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    const replies = this.kafka.consumer({
      groupId: `portcullis-replies-${randomUUID()}`,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 50,
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
      eachMessage: async ({ message }) => {
        let reply: CommandReply;
        try {
          reply = JSON.parse(message.value?.toString('utf8') ?? '') as CommandReply;
        } catch {
          return;
        }
        const waiter = this.waiting.get(reply.correlationId);
        if (!waiter) return;
        this.waiting.delete(reply.correlationId);
        clearTimeout(waiter.timer);
        waiter.resolve(reply);
      },
    });
    await positioned;
  }

  async stop(): Promise<void> {
    for (const [id, w] of this.waiting) {
      clearTimeout(w.timer);
      w.resolve(this.unavailable(id, 'The service is shutting down.'));
    }
    this.waiting.clear();
    await this.replies?.disconnect();
    await this.producer?.disconnect();
  }

  async submit(command: CommandEnvelope): Promise<CommandReply> {
    if (!this.producer) throw new Error('KafkaCommandGateway not started');
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
    try {
      await this.producer.send({
        topic: this.topics.commands,
        messages: [{ key: envelope.accountId, value: JSON.stringify(envelope) }],
      });
    } catch (error) {
      const w = this.waiting.get(envelope.correlationId);
      if (w) clearTimeout(w.timer);
      this.waiting.delete(envelope.correlationId);
      this.logger.warn(`cannot send command: ${String(error)}`);
      return this.unavailable(
        envelope,
        'The command could not be queued; retry with the same command id.',
      );
    }
    return reply;
  }

  private unavailable(
    e: { commandId: string; correlationId: string } | string,
    message: string,
  ): CommandReply {
    const ids = typeof e === 'string' ? { commandId: '', correlationId: e } : e;
    return {
      commandId: ids.commandId,
      correlationId: ids.correlationId,
      ok: false,
      error: { Code: 'ServiceUnavailable', Message: message },
    };
  }
}
