import { Command } from '@nestjs/cqrs';
import type { PolicyNamesPage } from '../shared/entity-lists';
import type { ListGroupPoliciesRequestDto } from './list-group-policies.request.dto';

/** ListGroupPolicies: the names of the group's inline policies, by name. */
export type ListGroupPoliciesResult = PolicyNamesPage;

export class ListGroupPoliciesQuery extends Command<ListGroupPoliciesResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListGroupPoliciesRequestDto,
  ) {
    super();
  }
}
