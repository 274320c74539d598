import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteGroupPolicyCommand } from './delete-group-policy.command';

@CommandHandler(DeleteGroupPolicyCommand)
export class DeleteGroupPolicyHandler implements ICommandHandler<DeleteGroupPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteGroupPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteGroupPolicy(command.input);
    return DeleteGroupPolicyCommand.resultFrom();
  }
}
