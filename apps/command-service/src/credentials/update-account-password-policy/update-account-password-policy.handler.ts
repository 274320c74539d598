import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { UpdateAccountPasswordPolicyCommand } from './update-account-password-policy.command';

@CommandHandler(UpdateAccountPasswordPolicyCommand)
export class UpdateAccountPasswordPolicyHandler implements ICommandHandler<UpdateAccountPasswordPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: UpdateAccountPasswordPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).updateAccountPasswordPolicy(command.input);
    return UpdateAccountPasswordPolicyCommand.resultFrom();
  }
}
