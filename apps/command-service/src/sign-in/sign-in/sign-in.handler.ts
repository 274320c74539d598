import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { passwordExpiry, SessionTokenSealer } from '@portcullis/credentials';
import { IamError, type Account, type UserView } from '@portcullis/domain';
import { randomBytes } from 'node:crypto';
import { CredentialSecrets } from '../../credentials/credential-secrets.port';
import { checkCode } from '../../credentials/shared/mfa-code-checks';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { sealIssuedCredentials } from '../../sts/shared/issued-credentials';
import {
  SIGN_IN_INCORRECT,
  SIGN_IN_SESSION_SECONDS,
  SignInCommand,
  type SignInResult,
} from './sign-in.command';

const incorrect = () => new IamError('AccessDenied', SIGN_IN_INCORRECT);

/**
 * Checks the password (scrypt, timing-safe), then, for a user with MFA, the code (its step is
 * spent: `iam.mfa-code-used.v1`), and issues session credentials for the user. Every failure is
 * the same AccessDenied, and an unknown user or one without a password costs the same password
 * check as a real one (against a decoy hash), so neither the answer nor its time says which.
 */
@CommandHandler(SignInCommand)
export class SignInHandler implements ICommandHandler<SignInCommand> {
  /** A hash of a random password, made once with the hasher's current cost. */
  private decoy?: Promise<string>;

  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
    private readonly sessions: SessionTokenSealer,
  ) {
    this.decoyHash().catch(() => undefined); // made now, so no first attempt pays for it
  }

  async execute(command: SignInCommand): Promise<SignInResult> {
    const account = this.accounts.get(command.accountId);
    const user = account.getUser(command.userName);
    const profile = user && account.getLoginProfile(user.userName);
    const known =
      user && profile ? account.passwordChangeContext('ChangePassword', user.userName) : undefined;
    const hash = known?.currentHash;
    const matches = await this.secrets.verifyPassword(
      command.password,
      hash ?? (await this.decoyHash()),
    );
    if (!user || !profile || hash === undefined || !matches) throw incorrect();

    const now = this.clock.now();
    // MaxPasswordAge: an expired password signs in only to be changed, unless HardExpiry says an
    // administrator must reset it (then it is refused like a wrong one).
    const expiry = passwordExpiry(
      known?.policy ?? null,
      new Date(known?.passwordChangedAt ?? profile.createDate),
      now,
    );
    if (expiry.expired && expiry.afterExpiry === 'administrator-reset') throw incorrect();
    const mfaAuthenticatedAt = this.proveMfa(account, user, command.tokenCode, now);
    const { credentials } = this.sessions.issue(
      {
        kind: 'session',
        accountId: command.accountId,
        principalArn: user.arn,
        principalId: user.userId,
        ...(mfaAuthenticatedAt !== undefined ? { mfaAuthenticatedAt } : {}),
      },
      { now: now.getTime(), durationSeconds: SIGN_IN_SESSION_SECONDS },
    );
    return {
      Credentials: sealIssuedCredentials(credentials, command.commandId, this.secrets),
      PasswordResetRequired: profile.passwordResetRequired || expiry.expired,
    };
  }

  /**
   * A user with MFA devices must give a code of one of them (tried in the order enabled); the
   * first that accepts it spends its step. Answers when MFA was proved (none: no device).
   */
  private proveMfa(
    account: Account,
    user: UserView,
    tokenCode: string | undefined,
    now: Date,
  ): number | undefined {
    const devices = account.listMfaDevices(user.userName) ?? [];
    if (devices.length === 0) return undefined;
    if (tokenCode === undefined) throw incorrect();
    for (const device of devices) {
      try {
        account.useMfaCode({
          userName: user.userName,
          serialNumber: device.serialNumber,
          purpose: 'SignIn',
          verifyCode: checkCode(this.secrets, tokenCode, now),
        });
        return now.getTime();
      } catch (error) {
        if (!(error instanceof IamError)) throw error;
      }
    }
    throw incorrect();
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= this.secrets.hashPassword(randomBytes(24).toString('base64'));
    return this.decoy;
  }
}
