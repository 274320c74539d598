import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { AttachUserPolicyCommand } from './attach-user-policy.command';

@CommandHandler(AttachUserPolicyCommand)
export class AttachUserPolicyHandler implements ICommandHandler<AttachUserPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: AttachUserPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).attachUserPolicy(command.input);
    return AttachUserPolicyCommand.resultFrom();
  }
}
