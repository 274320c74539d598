import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { RecordAccessKeyUsageCommand } from './record-access-key-usage.command';

/** Keys deleted since they were used are skipped by the aggregate: the batch never fails for them. */
@CommandHandler(RecordAccessKeyUsageCommand)
export class RecordAccessKeyUsageHandler implements ICommandHandler<RecordAccessKeyUsageCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: RecordAccessKeyUsageCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).recordAccessKeyUsage({ usage: command.usage });
    return RecordAccessKeyUsageCommand.resultFrom();
  }
}
