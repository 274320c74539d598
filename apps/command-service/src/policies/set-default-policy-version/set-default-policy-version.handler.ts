import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import type { EmptyResult } from '../../shared/iam-response';
import { SetDefaultPolicyVersionCommand } from './set-default-policy-version.command';

@CommandHandler(SetDefaultPolicyVersionCommand)
export class SetDefaultPolicyVersionHandler implements ICommandHandler<SetDefaultPolicyVersionCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: SetDefaultPolicyVersionCommand): Promise<EmptyResult> {
    this.accounts
      .get(command.accountId)
      .setDefaultPolicyVersion({ ...command.input, now: this.clock.now() });
    return SetDefaultPolicyVersionCommand.resultFrom();
  }
}
