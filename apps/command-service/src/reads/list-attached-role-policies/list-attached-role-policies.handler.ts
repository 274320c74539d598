import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { attachedPoliciesPage } from '../shared/entity-lists';
import {
  ListAttachedRolePoliciesQuery,
  ListAttachedRolePoliciesResult,
} from './list-attached-role-policies.query';

@CommandHandler(ListAttachedRolePoliciesQuery)
export class ListAttachedRolePoliciesHandler implements ICommandHandler<ListAttachedRolePoliciesQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
    request,
  }: ListAttachedRolePoliciesQuery): Promise<ListAttachedRolePoliciesResult> {
    const account = this.accounts.get(accountId);
    return attachedPoliciesPage(
      account,
      account.listAttachedRolePolicies(request.RoleName),
      request,
    );
  }
}
