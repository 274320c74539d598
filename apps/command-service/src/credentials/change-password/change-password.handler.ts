import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IamError } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import type { EmptyResult } from '../../shared/iam-response';
import { CredentialSecrets } from '../credential-secrets.port';
import { checkNewPassword } from '../shared/new-password.check';
import { ChangePasswordCommand } from './change-password.command';

@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
  ) {}

  /** The old password must match (timing-safe), then the new one must pass the policy. */
  async execute(command: ChangePasswordCommand): Promise<EmptyResult> {
    const account = this.accounts.get(command.accountId);
    const context = account.passwordChangeContext('ChangePassword', command.userName);
    const current = context.currentHash;
    if (
      current === undefined ||
      !(await this.secrets.verifyPassword(command.oldPassword, current))
    ) {
      throw new IamError('AccessDenied', 'The old password is incorrect.');
    }
    await checkNewPassword(
      this.secrets,
      context,
      command.newPassword,
      account.getAccount().accountName,
    );
    account.changePassword({
      userName: context.userName,
      passwordHash: await this.secrets.hashPassword(command.newPassword),
      now: this.clock.now(),
    });
    return ChangePasswordCommand.resultFrom();
  }
}
