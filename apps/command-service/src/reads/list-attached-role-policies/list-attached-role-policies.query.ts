import { Command } from '@nestjs/cqrs';
import type { AttachedPoliciesPage } from '../shared/entity-lists';
import type { ListAttachedRolePoliciesRequestDto } from './list-attached-role-policies.request.dto';

/** ListAttachedRolePolicies: the managed policies attached to the role, by name. */
export type ListAttachedRolePoliciesResult = AttachedPoliciesPage;

export class ListAttachedRolePoliciesQuery extends Command<ListAttachedRolePoliciesResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListAttachedRolePoliciesRequestDto,
  ) {
    super();
  }
}
