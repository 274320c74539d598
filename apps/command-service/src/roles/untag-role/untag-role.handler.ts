import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { UntagRoleCommand } from './untag-role.command';

@CommandHandler(UntagRoleCommand)
export class UntagRoleHandler implements ICommandHandler<UntagRoleCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: UntagRoleCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).untagRole(command.input);
    return UntagRoleCommand.resultFrom();
  }
}
