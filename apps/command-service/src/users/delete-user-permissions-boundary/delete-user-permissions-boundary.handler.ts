import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteUserPermissionsBoundaryCommand } from './delete-user-permissions-boundary.command';

@CommandHandler(DeleteUserPermissionsBoundaryCommand)
export class DeleteUserPermissionsBoundaryHandler implements ICommandHandler<DeleteUserPermissionsBoundaryCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteUserPermissionsBoundaryCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteUserPermissionsBoundary(command.input);
    return DeleteUserPermissionsBoundaryCommand.resultFrom();
  }
}
