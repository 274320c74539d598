import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { CreatePolicyCommand, CreatePolicyResult } from './create-policy.command';

@CommandHandler(CreatePolicyCommand)
export class CreatePolicyHandler implements ICommandHandler<CreatePolicyCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreatePolicyCommand): Promise<CreatePolicyResult> {
    const raised = this.accounts
      .get(command.accountId)
      .createPolicy({ ...command.input, now: this.clock.now(), random: this.clock.random });
    return CreatePolicyCommand.resultFrom(raised);
  }
}
