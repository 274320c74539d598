import { Command } from '@nestjs/cqrs';
import type { AwsGroup } from '../shared/aws-shapes';
import type { PageInfo } from '../shared/pagination';
import type { ListGroupsForUserRequestDto } from './list-groups-for-user.request.dto';

/** ListGroupsForUser: the user's groups by name; NoSuchEntity for an unknown user. */
export type ListGroupsForUserResult = { Groups: AwsGroup[] } & PageInfo;

export class ListGroupsForUserQuery extends Command<ListGroupsForUserResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListGroupsForUserRequestDto,
  ) {
    super();
  }
}
