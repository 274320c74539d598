import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DetachGroupPolicyCommand } from './detach-group-policy.command';

@CommandHandler(DetachGroupPolicyCommand)
export class DetachGroupPolicyHandler implements ICommandHandler<DetachGroupPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DetachGroupPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).detachGroupPolicy(command.input);
    return DetachGroupPolicyCommand.resultFrom();
  }
}
