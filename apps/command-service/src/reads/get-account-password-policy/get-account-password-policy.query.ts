import { Command } from '@nestjs/cqrs';
import type { AwsPasswordPolicy } from '@portcullis/credentials';

export interface GetAccountPasswordPolicyResult {
  PasswordPolicy: AwsPasswordPolicy;
}

/** GetAccountPasswordPolicy: the custom policy; NoSuchEntity when the account has none. */
export class GetAccountPasswordPolicyQuery extends Command<GetAccountPasswordPolicyResult> {
  constructor(readonly accountId: string) {
    super();
  }
}
