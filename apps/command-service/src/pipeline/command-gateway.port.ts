import type { CommandEnvelope, CommandReply } from '@portcullis/contracts';

/**
 * Where the HTTP API hands a command: to the in-process writer (embedded) or onto
 * `iam.commands`, waiting for the partition owner's reply (Kafka).
 */
export abstract class CommandGateway {
  abstract submit(envelope: CommandEnvelope): Promise<CommandReply>;
}
