import type { Kafka } from 'kafkajs';
import type { CommandReply } from '@portcullis/contracts';
import { uniqueName } from '../setup/backends';
import { signedCommandHeaders, type Credentials } from './test-credentials';

export interface KafkaCommandClient {
  /**
   * Produces a raw command record (any text: malformed ones too) keyed by `key`, signed with
   * `credentials` (default: the client's; `null`: unsigned).
   */
  send(value: string, key?: string, credentials?: Credentials | null): Promise<void>;
  /** The reply whose correlation id (the command id when none was given) is `correlationId`. */
  reply(correlationId: string, timeoutMs?: number): Promise<CommandReply>;
  close(): Promise<void>;
}

/** A bare Kafka client of the command topics, as another microservice would be. */
export async function kafkaCommandClient(
  kafka: Kafka,
  topics: { commands: string; results: string },
  defaultKey = '123456789012',
  /** What records are signed with unless `send` says otherwise (none: unsigned). */
  defaultCredentials: Credentials | null = null,
): Promise<KafkaCommandClient> {
  const consumer = kafka.consumer({ groupId: uniqueName('replies'), maxWaitTimeInMs: 50 });
  const producer = kafka.producer();
  const replies = new Map<string, CommandReply>();
  await consumer.connect();
  await consumer.subscribe({ topic: topics.results, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const reply = JSON.parse(message.value!.toString()) as CommandReply;
      replies.set(reply.correlationId, reply);
    },
  });
  await producer.connect();
  return {
    async send(value, key = defaultKey, credentials = defaultCredentials) {
      const headers = credentials ? await signedCommandHeaders(value, credentials) : undefined;
      await producer.send({ topic: topics.commands, messages: [{ key, value, headers }] });
    },
    async reply(correlationId, timeoutMs = 30_000) {
      for (let waited = 0; waited < timeoutMs && !replies.has(correlationId); waited += 50) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const reply = replies.get(correlationId);
      if (!reply) throw new Error(`no reply for ${correlationId}`);
      return reply;
    },
    async close() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
