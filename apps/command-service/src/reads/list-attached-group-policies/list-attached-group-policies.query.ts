import { Command } from '@nestjs/cqrs';
import type { AttachedPoliciesPage } from '../shared/entity-lists';
import type { ListAttachedGroupPoliciesRequestDto } from './list-attached-group-policies.request.dto';

/** ListAttachedGroupPolicies: the managed policies attached to the group, by name. */
export type ListAttachedGroupPoliciesResult = AttachedPoliciesPage;

export class ListAttachedGroupPoliciesQuery extends Command<ListAttachedGroupPoliciesResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListAttachedGroupPoliciesRequestDto,
  ) {
    super();
  }
}
