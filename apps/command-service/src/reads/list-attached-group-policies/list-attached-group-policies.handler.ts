import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { attachedPoliciesPage } from '../shared/entity-lists';
import {
  ListAttachedGroupPoliciesQuery,
  ListAttachedGroupPoliciesResult,
} from './list-attached-group-policies.query';

@CommandHandler(ListAttachedGroupPoliciesQuery)
export class ListAttachedGroupPoliciesHandler implements ICommandHandler<ListAttachedGroupPoliciesQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
    request,
  }: ListAttachedGroupPoliciesQuery): Promise<ListAttachedGroupPoliciesResult> {
    const account = this.accounts.get(accountId);
    return attachedPoliciesPage(
      account,
      account.listAttachedGroupPolicies(request.GroupName),
      request,
    );
  }
}
