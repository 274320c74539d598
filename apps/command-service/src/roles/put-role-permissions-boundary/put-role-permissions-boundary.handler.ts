import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { PutRolePermissionsBoundaryCommand } from './put-role-permissions-boundary.command';

@CommandHandler(PutRolePermissionsBoundaryCommand)
export class PutRolePermissionsBoundaryHandler implements ICommandHandler<PutRolePermissionsBoundaryCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: PutRolePermissionsBoundaryCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).putRolePermissionsBoundary(command.input);
    return PutRolePermissionsBoundaryCommand.resultFrom();
  }
}
