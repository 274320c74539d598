import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { TagPolicyCommand } from './tag-policy.command';

@CommandHandler(TagPolicyCommand)
export class TagPolicyHandler implements ICommandHandler<TagPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: TagPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).tagPolicy(command.input);
    return TagPolicyCommand.resultFrom();
  }
}
