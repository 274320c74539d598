import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DetachUserPolicyCommand } from './detach-user-policy.command';

@CommandHandler(DetachUserPolicyCommand)
export class DetachUserPolicyHandler implements ICommandHandler<DetachUserPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DetachUserPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).detachUserPolicy(command.input);
    return DetachUserPolicyCommand.resultFrom();
  }
}
