import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { UntagPolicyCommand } from './untag-policy.command';

@CommandHandler(UntagPolicyCommand)
export class UntagPolicyHandler implements ICommandHandler<UntagPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: UntagPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).untagPolicy(command.input);
    return UntagPolicyCommand.resultFrom();
  }
}
