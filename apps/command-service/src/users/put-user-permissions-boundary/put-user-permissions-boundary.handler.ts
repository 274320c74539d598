import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { PutUserPermissionsBoundaryCommand } from './put-user-permissions-boundary.command';

@CommandHandler(PutUserPermissionsBoundaryCommand)
export class PutUserPermissionsBoundaryHandler implements ICommandHandler<PutUserPermissionsBoundaryCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: PutUserPermissionsBoundaryCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).putUserPermissionsBoundary(command.input);
    return PutUserPermissionsBoundaryCommand.resultFrom();
  }
}
