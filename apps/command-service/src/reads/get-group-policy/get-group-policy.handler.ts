import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity, noSuchInlinePolicy } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { GetGroupPolicyQuery, GetGroupPolicyResult } from './get-group-policy.query';

@CommandHandler(GetGroupPolicyQuery)
export class GetGroupPolicyHandler implements ICommandHandler<GetGroupPolicyQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: GetGroupPolicyQuery): Promise<GetGroupPolicyResult> {
    const account = this.accounts.get(accountId);
    const owner = account.getGroup(request.GroupName);
    if (!owner) throw noSuchEntity('Group', request.GroupName);
    const policy = account.getGroupPolicy(request.GroupName, request.PolicyName);
    if (!policy) throw noSuchInlinePolicy('Group', request.PolicyName);
    return {
      GroupName: owner.group.groupName,
      PolicyName: policy.policyName,
      PolicyDocument: policy.policyDocument,
    };
  }
}
