import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { AttachRolePolicyCommand } from './attach-role-policy.command';

@CommandHandler(AttachRolePolicyCommand)
export class AttachRolePolicyHandler implements ICommandHandler<AttachRolePolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: AttachRolePolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).attachRolePolicy(command.input);
    return AttachRolePolicyCommand.resultFrom();
  }
}
