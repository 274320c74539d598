import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity, noSuchLoginProfile } from '@portcullis/domain';
import type { LoginProfileResult } from '../../credentials/create-login-profile/create-login-profile.command';
import { AccountRepository } from '../../pipeline/account.repository';
import { GetLoginProfileQuery } from './get-login-profile.query';

@CommandHandler(GetLoginProfileQuery)
export class GetLoginProfileHandler implements ICommandHandler<GetLoginProfileQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, userName }: GetLoginProfileQuery): Promise<LoginProfileResult> {
    const account = this.accounts.get(accountId);
    const user = account.getUser(userName);
    if (!user) throw noSuchEntity('User', userName);
    const profile = account.getLoginProfile(userName);
    if (!profile) throw noSuchLoginProfile(user.userName);
    return {
      LoginProfile: {
        UserName: profile.userName,
        CreateDate: profile.createDate,
        PasswordResetRequired: profile.passwordResetRequired,
      },
    };
  }
}
