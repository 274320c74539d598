import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { policyNamesPage } from '../shared/entity-lists';
import { ListUserPoliciesQuery, ListUserPoliciesResult } from './list-user-policies.query';

@CommandHandler(ListUserPoliciesQuery)
export class ListUserPoliciesHandler implements ICommandHandler<ListUserPoliciesQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: ListUserPoliciesQuery): Promise<ListUserPoliciesResult> {
    const names = this.accounts.get(accountId).listUserPolicies(request.UserName);
    return policyNamesPage(names, request);
  }
}
