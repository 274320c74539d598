import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { UpdateGroupCommand } from './update-group.command';

@CommandHandler(UpdateGroupCommand)
export class UpdateGroupHandler implements ICommandHandler<UpdateGroupCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: UpdateGroupCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).updateGroup(command.input);
    return UpdateGroupCommand.resultFrom();
  }
}
