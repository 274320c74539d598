import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteUserPolicyCommand } from './delete-user-policy.command';

@CommandHandler(DeleteUserPolicyCommand)
export class DeleteUserPolicyHandler implements ICommandHandler<DeleteUserPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteUserPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteUserPolicy(command.input);
    return DeleteUserPolicyCommand.resultFrom();
  }
}
