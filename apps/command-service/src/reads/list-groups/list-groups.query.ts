import { Command } from '@nestjs/cqrs';
import type { AwsGroup } from '../shared/aws-shapes';
import type { PageInfo } from '../shared/pagination';
import type { ListGroupsRequestDto } from './list-groups.request.dto';

/** ListGroups: groups by name. */
export type ListGroupsResult = { Groups: AwsGroup[] } & PageInfo;

export class ListGroupsQuery extends Command<ListGroupsResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListGroupsRequestDto,
  ) {
    super();
  }
}
