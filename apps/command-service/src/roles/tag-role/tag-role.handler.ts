import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { TagRoleCommand } from './tag-role.command';

@CommandHandler(TagRoleCommand)
export class TagRoleHandler implements ICommandHandler<TagRoleCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: TagRoleCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).tagRole(command.input);
    return TagRoleCommand.resultFrom();
  }
}
