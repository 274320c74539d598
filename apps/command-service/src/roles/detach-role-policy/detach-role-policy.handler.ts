import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DetachRolePolicyCommand } from './detach-role-policy.command';

@CommandHandler(DetachRolePolicyCommand)
export class DetachRolePolicyHandler implements ICommandHandler<DetachRolePolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DetachRolePolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).detachRolePolicy(command.input);
    return DetachRolePolicyCommand.resultFrom();
  }
}
