import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { policyNotFound } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { awsPolicy } from '../shared/aws-shapes';
import { GetPolicyQuery, GetPolicyResult } from './get-policy.query';

@CommandHandler(GetPolicyQuery)
export class GetPolicyHandler implements ICommandHandler<GetPolicyQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: GetPolicyQuery): Promise<GetPolicyResult> {
    const policy = this.accounts.get(accountId).getPolicy(request.PolicyArn);
    if (!policy) throw policyNotFound(request.PolicyArn);
    return { Policy: awsPolicy(policy, 'get') };
  }
}
