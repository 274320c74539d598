import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { policyNamesPage } from '../shared/entity-lists';
import { ListRolePoliciesQuery, ListRolePoliciesResult } from './list-role-policies.query';

@CommandHandler(ListRolePoliciesQuery)
export class ListRolePoliciesHandler implements ICommandHandler<ListRolePoliciesQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: ListRolePoliciesQuery): Promise<ListRolePoliciesResult> {
    const names = this.accounts.get(accountId).listRolePolicies(request.RoleName);
    return policyNamesPage(names, request);
  }
}
