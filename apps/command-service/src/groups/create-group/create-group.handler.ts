import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { CreateGroupCommand, CreateGroupResult } from './create-group.command';

@CommandHandler(CreateGroupCommand)
export class CreateGroupHandler implements ICommandHandler<CreateGroupCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateGroupCommand): Promise<CreateGroupResult> {
    const raised = this.accounts
      .get(command.accountId)
      .createGroup({ ...command.input, now: this.clock.now(), random: this.clock.random });
    return CreateGroupCommand.resultFrom(raised);
  }
}
