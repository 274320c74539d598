import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { UntagUserCommand } from './untag-user.command';

@CommandHandler(UntagUserCommand)
export class UntagUserHandler implements ICommandHandler<UntagUserCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: UntagUserCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).untagUser(command.input);
    return UntagUserCommand.resultFrom();
  }
}
