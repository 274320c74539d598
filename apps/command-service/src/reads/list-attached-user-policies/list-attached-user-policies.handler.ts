import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { attachedPoliciesPage } from '../shared/entity-lists';
import {
  ListAttachedUserPoliciesQuery,
  ListAttachedUserPoliciesResult,
} from './list-attached-user-policies.query';

@CommandHandler(ListAttachedUserPoliciesQuery)
export class ListAttachedUserPoliciesHandler implements ICommandHandler<ListAttachedUserPoliciesQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
    request,
  }: ListAttachedUserPoliciesQuery): Promise<ListAttachedUserPoliciesResult> {
    const account = this.accounts.get(accountId);
    return attachedPoliciesPage(
      account,
      account.listAttachedUserPolicies(request.UserName),
      request,
    );
  }
}
