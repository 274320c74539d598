import { Command } from '@nestjs/cqrs';
import type { TagsPage } from '../shared/entity-lists';
import type { ListUserTagsRequestDto } from './list-user-tags.request.dto';

/** ListUserTags: the user's tags by key; NoSuchEntity for an unknown user. */
export type ListUserTagsResult = TagsPage;

export class ListUserTagsQuery extends Command<ListUserTagsResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListUserTagsRequestDto,
  ) {
    super();
  }
}
