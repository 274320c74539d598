import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { policyNotFound } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { tagsPage } from '../shared/entity-lists';
import { ListPolicyTagsQuery, ListPolicyTagsResult } from './list-policy-tags.query';

@CommandHandler(ListPolicyTagsQuery)
export class ListPolicyTagsHandler implements ICommandHandler<ListPolicyTagsQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: ListPolicyTagsQuery): Promise<ListPolicyTagsResult> {
    const policy = this.accounts.get(accountId).getPolicy(request.PolicyArn);
    if (!policy) throw policyNotFound(request.PolicyArn);
    return tagsPage(policy.tags, request);
  }
}
