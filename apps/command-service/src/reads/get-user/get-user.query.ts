import { Command } from '@nestjs/cqrs';
import type { AwsUser } from '../shared/aws-shapes';
import type { GetUserRequestDto } from './get-user.request.dto';

/** GetUser: the user with its permissions boundary and tags. */
export interface GetUserResult {
  User: AwsUser;
}

export class GetUserQuery extends Command<GetUserResult> {
  constructor(
    readonly accountId: string,
    readonly request: GetUserRequestDto,
  ) {
    super();
  }
}
