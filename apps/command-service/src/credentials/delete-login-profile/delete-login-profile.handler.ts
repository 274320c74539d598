import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteLoginProfileCommand } from './delete-login-profile.command';

@CommandHandler(DeleteLoginProfileCommand)
export class DeleteLoginProfileHandler implements ICommandHandler<DeleteLoginProfileCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteLoginProfileCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteLoginProfile(command.input);
    return DeleteLoginProfileCommand.resultFrom();
  }
}
