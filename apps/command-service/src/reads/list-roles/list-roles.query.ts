import { Command } from '@nestjs/cqrs';
import type { AwsRole } from '../shared/aws-shapes';
import type { PageInfo } from '../shared/pagination';
import type { ListRolesRequestDto } from './list-roles.request.dto';

/** ListRoles: roles by name, without tags or boundary (as AWS lists them). */
export type ListRolesResult = { Roles: AwsRole[] } & PageInfo;

export class ListRolesQuery extends Command<ListRolesResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListRolesRequestDto,
  ) {
    super();
  }
}
