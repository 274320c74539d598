import { Command } from '@nestjs/cqrs';
import type { AwsUser } from '../shared/aws-shapes';
import type { PageInfo } from '../shared/pagination';
import type { ListUsersRequestDto } from './list-users.request.dto';

/** ListUsers: users by name, without tags or boundary (as AWS lists them). */
export type ListUsersResult = { Users: AwsUser[] } & PageInfo;

export class ListUsersQuery extends Command<ListUsersResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListUsersRequestDto,
  ) {
    super();
  }
}
