import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { CreateUserCommand, CreateUserResult } from './create-user.command';

@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateUserCommand): Promise<CreateUserResult> {
    const account = this.accounts.get(command.accountId);
    const event = account.createUser({
      userName: command.userName,
      path: command.path,
      now: this.clock.now(),
      random: this.clock.random,
    });
    return CreateUserCommand.resultFrom([event]);
  }
}
