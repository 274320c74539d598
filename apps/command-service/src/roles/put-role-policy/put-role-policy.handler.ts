import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { PutRolePolicyCommand } from './put-role-policy.command';

@CommandHandler(PutRolePolicyCommand)
export class PutRolePolicyHandler implements ICommandHandler<PutRolePolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: PutRolePolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).putRolePolicy(command.input);
    return PutRolePolicyCommand.resultFrom();
  }
}
