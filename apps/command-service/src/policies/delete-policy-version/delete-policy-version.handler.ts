import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeletePolicyVersionCommand } from './delete-policy-version.command';

@CommandHandler(DeletePolicyVersionCommand)
export class DeletePolicyVersionHandler implements ICommandHandler<DeletePolicyVersionCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeletePolicyVersionCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deletePolicyVersion(command.input);
    return DeletePolicyVersionCommand.resultFrom();
  }
}
