import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity, noSuchInlinePolicy } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { GetRolePolicyQuery, GetRolePolicyResult } from './get-role-policy.query';

@CommandHandler(GetRolePolicyQuery)
export class GetRolePolicyHandler implements ICommandHandler<GetRolePolicyQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: GetRolePolicyQuery): Promise<GetRolePolicyResult> {
    const account = this.accounts.get(accountId);
    const owner = account.getRole(request.RoleName);
    if (!owner) throw noSuchEntity('Role', request.RoleName);
    const policy = account.getRolePolicy(request.RoleName, request.PolicyName);
    if (!policy) throw noSuchInlinePolicy('Role', request.PolicyName);
    return {
      RoleName: owner.roleName,
      PolicyName: policy.policyName,
      PolicyDocument: policy.policyDocument,
    };
  }
}
