import { Command } from '@nestjs/cqrs';
import type { AwsGroup, AwsUser } from '../shared/aws-shapes';
import type { PageInfo } from '../shared/pagination';
import type { GetGroupRequestDto } from './get-group.request.dto';

/** GetGroup: the group and one page of its users, by name. */
export type GetGroupResult = { Group: AwsGroup; Users: AwsUser[] } & PageInfo;

export class GetGroupQuery extends Command<GetGroupResult> {
  constructor(
    readonly accountId: string,
    readonly request: GetGroupRequestDto,
  ) {
    super();
  }
}
