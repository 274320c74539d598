import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteUserCommand } from './delete-user.command';

@CommandHandler(DeleteUserCommand)
export class DeleteUserHandler implements ICommandHandler<DeleteUserCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteUserCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteUser(command.input);
    return DeleteUserCommand.resultFrom();
  }
}
