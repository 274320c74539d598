import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteRolePolicyCommand } from './delete-role-policy.command';

@CommandHandler(DeleteRolePolicyCommand)
export class DeleteRolePolicyHandler implements ICommandHandler<DeleteRolePolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteRolePolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteRolePolicy(command.input);
    return DeleteRolePolicyCommand.resultFrom();
  }
}
