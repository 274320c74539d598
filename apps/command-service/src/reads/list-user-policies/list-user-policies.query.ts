import { Command } from '@nestjs/cqrs';
import type { PolicyNamesPage } from '../shared/entity-lists';
import type { ListUserPoliciesRequestDto } from './list-user-policies.request.dto';

/** ListUserPolicies: the names of the user's inline policies, by name. */
export type ListUserPoliciesResult = PolicyNamesPage;

export class ListUserPoliciesQuery extends Command<ListUserPoliciesResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListUserPoliciesRequestDto,
  ) {
    super();
  }
}
