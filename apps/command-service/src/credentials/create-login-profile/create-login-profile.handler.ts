import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { CredentialSecrets } from '../credential-secrets.port';
import { checkNewPassword } from '../shared/new-password.check';
import { CreateLoginProfileCommand, LoginProfileResult } from './create-login-profile.command';

@CommandHandler(CreateLoginProfileCommand)
export class CreateLoginProfileHandler implements ICommandHandler<CreateLoginProfileCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
  ) {}

  /** Existence and conflicts first (the domain's), then the policy, then the hash. */
  async execute(command: CreateLoginProfileCommand): Promise<LoginProfileResult> {
    const account = this.accounts.get(command.accountId);
    const context = account.passwordChangeContext('CreateLoginProfile', command.userName);
    await checkNewPassword(
      this.secrets,
      context,
      command.password,
      account.getAccount().accountName,
    );
    const events = account.createLoginProfile({
      userName: context.userName,
      passwordHash: await this.secrets.hashPassword(command.password),
      passwordResetRequired: command.passwordResetRequired,
      now: this.clock.now(),
    });
    return CreateLoginProfileCommand.resultFrom(events);
  }
}
