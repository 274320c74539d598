import { Command } from '@nestjs/cqrs';
import type { TagsPage } from '../shared/entity-lists';
import type { ListRoleTagsRequestDto } from './list-role-tags.request.dto';

/** ListRoleTags: the role's tags by key; NoSuchEntity for an unknown role. */
export type ListRoleTagsResult = TagsPage;

export class ListRoleTagsQuery extends Command<ListRoleTagsResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListRoleTagsRequestDto,
  ) {
    super();
  }
}
