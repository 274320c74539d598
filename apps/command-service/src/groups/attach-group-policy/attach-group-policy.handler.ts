import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { AttachGroupPolicyCommand } from './attach-group-policy.command';

@CommandHandler(AttachGroupPolicyCommand)
export class AttachGroupPolicyHandler implements ICommandHandler<AttachGroupPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: AttachGroupPolicyCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).attachGroupPolicy(command.input);
    return AttachGroupPolicyCommand.resultFrom();
  }
}
