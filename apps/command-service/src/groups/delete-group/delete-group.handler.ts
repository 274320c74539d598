import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteGroupCommand } from './delete-group.command';

@CommandHandler(DeleteGroupCommand)
export class DeleteGroupHandler implements ICommandHandler<DeleteGroupCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteGroupCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteGroup(command.input);
    return DeleteGroupCommand.resultFrom();
  }
}
