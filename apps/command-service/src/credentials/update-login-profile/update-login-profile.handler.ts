import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import type { EmptyResult } from '../../shared/iam-response';
import { CredentialSecrets } from '../credential-secrets.port';
import { checkNewPassword } from '../shared/new-password.check';
import { UpdateLoginProfileCommand } from './update-login-profile.command';

@CommandHandler(UpdateLoginProfileCommand)
export class UpdateLoginProfileHandler implements ICommandHandler<UpdateLoginProfileCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
  ) {}

  /** A new password is held to the account's policy (reuse included), as a user's own is. */
  async execute(command: UpdateLoginProfileCommand): Promise<EmptyResult> {
    const account = this.accounts.get(command.accountId);
    const context = account.passwordChangeContext('UpdateLoginProfile', command.userName);
    let passwordHash: string | undefined;
    if (command.password !== undefined) {
      await checkNewPassword(
        this.secrets,
        context,
        command.password,
        account.getAccount().accountName,
      );
      passwordHash = await this.secrets.hashPassword(command.password);
    }
    account.updateLoginProfile({
      userName: context.userName,
      ...(passwordHash !== undefined && { passwordHash }),
      ...(command.passwordResetRequired !== undefined && {
        passwordResetRequired: command.passwordResetRequired,
      }),
      now: this.clock.now(),
    });
    return UpdateLoginProfileCommand.resultFrom();
  }
}
