import { Command } from '@nestjs/cqrs';
import type { PolicyNamesPage } from '../shared/entity-lists';
import type { ListRolePoliciesRequestDto } from './list-role-policies.request.dto';

/** ListRolePolicies: the names of the role's inline policies, by name. */
export type ListRolePoliciesResult = PolicyNamesPage;

export class ListRolePoliciesQuery extends Command<ListRolePoliciesResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListRolePoliciesRequestDto,
  ) {
    super();
  }
}
