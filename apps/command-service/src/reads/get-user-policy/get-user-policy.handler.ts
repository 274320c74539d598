import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity, noSuchInlinePolicy } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { GetUserPolicyQuery, GetUserPolicyResult } from './get-user-policy.query';

@CommandHandler(GetUserPolicyQuery)
export class GetUserPolicyHandler implements ICommandHandler<GetUserPolicyQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: GetUserPolicyQuery): Promise<GetUserPolicyResult> {
    const account = this.accounts.get(accountId);
    const owner = account.getUser(request.UserName);
    if (!owner) throw noSuchEntity('User', request.UserName);
    const policy = account.getUserPolicy(request.UserName, request.PolicyName);
    if (!policy) throw noSuchInlinePolicy('User', request.PolicyName);
    return {
      UserName: owner.userName,
      PolicyName: policy.policyName,
      PolicyDocument: policy.policyDocument,
    };
  }
}
