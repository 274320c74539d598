import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { RemoveUserFromGroupCommand } from './remove-user-from-group.command';

@CommandHandler(RemoveUserFromGroupCommand)
export class RemoveUserFromGroupHandler implements ICommandHandler<RemoveUserFromGroupCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: RemoveUserFromGroupCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).removeUserFromGroup(command.input);
    return RemoveUserFromGroupCommand.resultFrom();
  }
}
