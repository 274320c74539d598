import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteRolePermissionsBoundaryCommand } from './delete-role-permissions-boundary.command';

@CommandHandler(DeleteRolePermissionsBoundaryCommand)
export class DeleteRolePermissionsBoundaryHandler implements ICommandHandler<DeleteRolePermissionsBoundaryCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteRolePermissionsBoundaryCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteRolePermissionsBoundary(command.input);
    return DeleteRolePermissionsBoundaryCommand.resultFrom();
  }
}
