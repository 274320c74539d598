import { Command } from '@nestjs/cqrs';
import { IamEventType, UserCreatedPayload } from '@portcullis/contracts';
import type { AccountEvent } from '@portcullis/domain';
import type { CreateUserRequestDto } from './create-user.request.dto';

export interface CreateUserResult {
  User: { UserName: string; UserId: string; Path: string; Arn: string; CreateDate: string };
}

export class CreateUserCommand extends Command<CreateUserResult> {
  constructor(
    readonly accountId: string,
    readonly userName: string,
    readonly path: string,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: CreateUserRequestDto): CreateUserCommand {
    return new CreateUserCommand(accountId, dto.UserName, dto.Path ?? '/');
  }

  /** The reply, derived from the events the command produced (also for an idempotent retry). */
  static resultFrom(events: readonly AccountEvent[]): CreateUserResult {
    const created = events.find((e) => e.type === IamEventType.UserCreated);
    if (!created) throw new Error('CreateUser produced no user-created event');
    const u = created.payload as UserCreatedPayload;
    return {
      User: {
        UserName: u.userName,
        UserId: u.userId,
        Path: u.path,
        Arn: u.arn,
        CreateDate: u.createDate,
      },
    };
  }
}
