import { Command } from '@nestjs/cqrs';
import type { TagsPage } from '../shared/entity-lists';
import type { ListPolicyTagsRequestDto } from './list-policy-tags.request.dto';

/** ListPolicyTags: a managed policy's tags by key (AWS managed policies have none here). */
export type ListPolicyTagsResult = TagsPage;

export class ListPolicyTagsQuery extends Command<ListPolicyTagsResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListPolicyTagsRequestDto,
  ) {
    super();
  }
}
