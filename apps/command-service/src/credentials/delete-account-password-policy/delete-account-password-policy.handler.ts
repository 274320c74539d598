import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteAccountPasswordPolicyCommand } from './delete-account-password-policy.command';

@CommandHandler(DeleteAccountPasswordPolicyCommand)
export class DeleteAccountPasswordPolicyHandler implements ICommandHandler<DeleteAccountPasswordPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteAccountPasswordPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteAccountPasswordPolicy();
    return DeleteAccountPasswordPolicyCommand.resultFrom();
  }
}
