import { Command } from '@nestjs/cqrs';
import type { PageInfo } from '../shared/pagination';
import type { ListEntitiesForPolicyRequestDto } from './list-entities-for-policy.request.dto';

/** ListEntitiesForPolicy: who uses a managed policy; one page across the three lists. */
export type ListEntitiesForPolicyResult = {
  PolicyGroups: { GroupName: string; GroupId: string }[];
  PolicyUsers: { UserName: string; UserId: string }[];
  PolicyRoles: { RoleName: string; RoleId: string }[];
} & PageInfo;

export class ListEntitiesForPolicyQuery extends Command<ListEntitiesForPolicyResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListEntitiesForPolicyRequestDto,
  ) {
    super();
  }
}
