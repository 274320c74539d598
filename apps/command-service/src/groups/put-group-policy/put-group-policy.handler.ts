import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { PutGroupPolicyCommand } from './put-group-policy.command';

@CommandHandler(PutGroupPolicyCommand)
export class PutGroupPolicyHandler implements ICommandHandler<PutGroupPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: PutGroupPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).putGroupPolicy(command.input);
    return PutGroupPolicyCommand.resultFrom();
  }
}
