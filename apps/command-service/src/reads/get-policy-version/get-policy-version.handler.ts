import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { policyNotFound, policyVersionNotFound } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { awsPolicyVersion } from '../shared/aws-shapes';
import { GetPolicyVersionQuery, GetPolicyVersionResult } from './get-policy-version.query';

@CommandHandler(GetPolicyVersionQuery)
export class GetPolicyVersionHandler implements ICommandHandler<GetPolicyVersionQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: GetPolicyVersionQuery): Promise<GetPolicyVersionResult> {
    const account = this.accounts.get(accountId);
    if (!account.getPolicy(request.PolicyArn)) throw policyNotFound(request.PolicyArn);
    const version = account.getPolicyVersion(request.PolicyArn, request.VersionId);
    if (!version) throw policyVersionNotFound(request.PolicyArn, request.VersionId);
    return { PolicyVersion: awsPolicyVersion(version, 'get') };
  }
}
