import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { AddUserToGroupCommand } from './add-user-to-group.command';

@CommandHandler(AddUserToGroupCommand)
export class AddUserToGroupHandler implements ICommandHandler<AddUserToGroupCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: AddUserToGroupCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).addUserToGroup(command.input);
    return AddUserToGroupCommand.resultFrom();
  }
}
