import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { CreateRoleCommand, CreateRoleResult } from './create-role.command';

@CommandHandler(CreateRoleCommand)
export class CreateRoleHandler implements ICommandHandler<CreateRoleCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateRoleCommand): Promise<CreateRoleResult> {
    const raised = this.accounts
      .get(command.accountId)
      .createRole({ ...command.input, now: this.clock.now(), random: this.clock.random });
    return CreateRoleCommand.resultFrom(raised);
  }
}
