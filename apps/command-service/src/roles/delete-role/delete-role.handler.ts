import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteRoleCommand } from './delete-role.command';

@CommandHandler(DeleteRoleCommand)
export class DeleteRoleHandler implements ICommandHandler<DeleteRoleCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteRoleCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteRole(command.input);
    return DeleteRoleCommand.resultFrom();
  }
}
