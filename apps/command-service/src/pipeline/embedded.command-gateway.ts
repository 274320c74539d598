import type { CommandEnvelope, CommandReply } from '@portcullis/contracts';
import type { EventLog } from '@portcullis/event-log';
import { AccountRepository } from './account.repository';
import { CommandGateway } from './command-gateway.port';
import { CommandProcessor } from './command-processor';
import { replyFor } from './reply';

/**
 * The single writer in one process: commands of a partition run one at a time, each appended
 * (and fsynced by the embedded log) before its reply. If an append fails, the account's state
 * is rebuilt from the log so memory never runs ahead of what was written.
 */
export class EmbeddedCommandGateway extends CommandGateway {
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(
    private readonly processor: CommandProcessor,
    private readonly accounts: AccountRepository,
    private readonly log: EventLog,
  ) {
    super();
  }

  async start(): Promise<void> {
    for (let p = 0; p < this.log.partitionCount; p++)
      await this.accounts.loadPartition(this.log, p);
  }

  submit(envelope: CommandEnvelope): Promise<CommandReply> {
    const partition = this.log.partitionFor(envelope.accountId);
    const previous = this.queues.get(partition) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.run(envelope));
    this.queues.set(partition, run);
    return run;
  }

  private async run(envelope: CommandEnvelope): Promise<CommandReply> {
    const decision = await this.processor.decide(envelope);
    if (decision.kind !== 'accepted' || decision.events.length === 0) {
      return replyFor(envelope, decision);
    }
    try {
      const positions = await this.log.append(decision.events);
      this.accounts.recordCommitted(envelope.accountId, envelope.commandId, {
        events: decision.domainEvents,
        positions,
      });
      return replyFor(envelope, decision, positions);
    } catch (error) {
      await this.accounts.reloadAccount(this.log, envelope.accountId);
      throw error;
    }
  }
}
