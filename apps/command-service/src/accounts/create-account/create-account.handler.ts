import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { CreateAccountCommand, CreateAccountResult } from './create-account.command';

@CommandHandler(CreateAccountCommand)
export class CreateAccountHandler implements ICommandHandler<CreateAccountCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateAccountCommand): Promise<CreateAccountResult> {
    const raised = this.accounts
      .get(command.accountId)
      .createAccount({ ...command.input, now: this.clock.now() });
    return CreateAccountCommand.resultFrom(raised);
  }
}
