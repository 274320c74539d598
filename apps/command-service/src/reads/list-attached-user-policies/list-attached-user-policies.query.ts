import { Command } from '@nestjs/cqrs';
import type { AttachedPoliciesPage } from '../shared/entity-lists';
import type { ListAttachedUserPoliciesRequestDto } from './list-attached-user-policies.request.dto';

/** ListAttachedUserPolicies: the managed policies attached to the user, by name. */
export type ListAttachedUserPoliciesResult = AttachedPoliciesPage;

export class ListAttachedUserPoliciesQuery extends Command<ListAttachedUserPoliciesResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListAttachedUserPoliciesRequestDto,
  ) {
    super();
  }
}
