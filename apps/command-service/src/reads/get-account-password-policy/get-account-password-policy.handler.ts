import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { toAwsPasswordPolicy } from '@portcullis/credentials';
import { noSuchPasswordPolicy } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import {
  GetAccountPasswordPolicyQuery,
  GetAccountPasswordPolicyResult,
} from './get-account-password-policy.query';

@CommandHandler(GetAccountPasswordPolicyQuery)
export class GetAccountPasswordPolicyHandler implements ICommandHandler<GetAccountPasswordPolicyQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
  }: GetAccountPasswordPolicyQuery): Promise<GetAccountPasswordPolicyResult> {
    const policy = this.accounts.get(accountId).getPasswordPolicy();
    if (!policy) throw noSuchPasswordPolicy(accountId);
    return { PasswordPolicy: toAwsPasswordPolicy(policy) };
  }
}
