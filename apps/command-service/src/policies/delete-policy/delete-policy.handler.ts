import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeletePolicyCommand } from './delete-policy.command';

@CommandHandler(DeletePolicyCommand)
export class DeletePolicyHandler implements ICommandHandler<DeletePolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeletePolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deletePolicy(command.input);
    return DeletePolicyCommand.resultFrom();
  }
}
