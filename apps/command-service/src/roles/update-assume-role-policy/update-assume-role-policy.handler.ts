import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { UpdateAssumeRolePolicyCommand } from './update-assume-role-policy.command';

@CommandHandler(UpdateAssumeRolePolicyCommand)
export class UpdateAssumeRolePolicyHandler implements ICommandHandler<UpdateAssumeRolePolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: UpdateAssumeRolePolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).updateAssumeRolePolicy(command.input);
    return UpdateAssumeRolePolicyCommand.resultFrom();
  }
}
