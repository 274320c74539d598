import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { UpdateUserCommand } from './update-user.command';

@CommandHandler(UpdateUserCommand)
export class UpdateUserHandler implements ICommandHandler<UpdateUserCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: UpdateUserCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).updateUser(command.input);
    return UpdateUserCommand.resultFrom();
  }
}
