import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteAccessKeyCommand } from './delete-access-key.command';

@CommandHandler(DeleteAccessKeyCommand)
export class DeleteAccessKeyHandler implements ICommandHandler<DeleteAccessKeyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteAccessKeyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteAccessKey(command.input);
    return DeleteAccessKeyCommand.resultFrom();
  }
}
