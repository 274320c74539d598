import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { policyNamesPage } from '../shared/entity-lists';
import { ListGroupPoliciesQuery, ListGroupPoliciesResult } from './list-group-policies.query';

@CommandHandler(ListGroupPoliciesQuery)
export class ListGroupPoliciesHandler implements ICommandHandler<ListGroupPoliciesQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: ListGroupPoliciesQuery): Promise<ListGroupPoliciesResult> {
    const names = this.accounts.get(accountId).listGroupPolicies(request.GroupName);
    return policyNamesPage(names, request);
  }
}
