import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { UpdateRoleCommand } from './update-role.command';

@CommandHandler(UpdateRoleCommand)
export class UpdateRoleHandler implements ICommandHandler<UpdateRoleCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: UpdateRoleCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).updateRole(command.input);
    return UpdateRoleCommand.resultFrom();
  }
}
