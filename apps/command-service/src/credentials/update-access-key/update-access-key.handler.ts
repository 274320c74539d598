import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { UpdateAccessKeyCommand } from './update-access-key.command';

@CommandHandler(UpdateAccessKeyCommand)
export class UpdateAccessKeyHandler implements ICommandHandler<UpdateAccessKeyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: UpdateAccessKeyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).updateAccessKey(command.input);
    return UpdateAccessKeyCommand.resultFrom();
  }
}
