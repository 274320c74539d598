import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { TagUserCommand } from './tag-user.command';

@CommandHandler(TagUserCommand)
export class TagUserHandler implements ICommandHandler<TagUserCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: TagUserCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).tagUser(command.input);
    return TagUserCommand.resultFrom();
  }
}
