import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import {
  CreatePolicyVersionCommand,
  CreatePolicyVersionResult,
} from './create-policy-version.command';

@CommandHandler(CreatePolicyVersionCommand)
export class CreatePolicyVersionHandler implements ICommandHandler<CreatePolicyVersionCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreatePolicyVersionCommand): Promise<CreatePolicyVersionResult> {
    const raised = this.accounts
      .get(command.accountId)
      .createPolicyVersion({ ...command.input, now: this.clock.now() });
    return CreatePolicyVersionCommand.resultFrom(raised);
  }
}
