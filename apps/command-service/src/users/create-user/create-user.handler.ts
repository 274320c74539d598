import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { attachedPermissionsBoundary, tagsMember } from '../../shared/iam-response';
import { CreateUserCommand, CreateUserResult } from './create-user.command';

@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The aggregate's createUser answers the user-created event only (its tagged and boundary
   * events follow it in the pending list, which the pipeline takes), so the tags and boundary of
   * this answer come from the user as it now is. The pipeline replies with
   * `CreateUserCommand.resultFrom(events)`, which says the same from the events.
   */
  async execute(command: CreateUserCommand): Promise<CreateUserResult> {
    const account = this.accounts.get(command.accountId);
    const created = account.createUser({
      ...command.input,
      now: this.clock.now(),
      random: this.clock.random,
    });
    const { User } = CreateUserCommand.resultFrom([created]);
    const user = account.getUser(User.UserName);
    return {
      User: {
        ...User,
        ...(user?.permissionsBoundaryArn !== undefined && {
          PermissionsBoundary: attachedPermissionsBoundary(user.permissionsBoundaryArn),
        }),
        ...tagsMember(user?.tags),
      },
    };
  }
}
