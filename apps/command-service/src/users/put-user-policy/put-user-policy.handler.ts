import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { PutUserPolicyCommand } from './put-user-policy.command';

@CommandHandler(PutUserPolicyCommand)
export class PutUserPolicyHandler implements ICommandHandler<PutUserPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: PutUserPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).putUserPolicy(command.input);
    return PutUserPolicyCommand.resultFrom();
  }
}
