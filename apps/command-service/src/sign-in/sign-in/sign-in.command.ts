import { Command } from '@nestjs/cqrs';
import type { CommandCaller } from '../../pipeline/command-definition';
import type { IssuedCredentials } from '../../sts/shared/issued-credentials';
import type { SignInRequestDto } from './sign-in.request.dto';

/** The reply: the session's credentials (secret and token sealed to the command). */
export interface SignInResult<Secret = unknown> {
  Credentials: IssuedCredentials<Secret>;
  /** An administrator asked for a new password: the client must have the user ChangePassword. */
  PasswordResetRequired: boolean;
}

/** How long sign-in credentials last (AWS's console session default is longer; an hour here). */
export const SIGN_IN_SESSION_SECONDS = 3600;

/** What every credential failure answers, whatever its cause (no oracle). */
export const SIGN_IN_INCORRECT = 'Your authentication information is incorrect.';

/**
 * SignIn (internal): console-style sign-in of an IAM user with its password, and a TOTP code
 * when it has an MFA device; answers short-lived session credentials for the user. Sent only by
 * the sign-in edge, which rate-limits it (see console-sign-in.ts).
 */
export class SignInCommand extends Command<SignInResult> {
  constructor(
    readonly accountId: string,
    readonly userName: string,
    readonly password: string,
    readonly tokenCode: string | undefined,
    /** The reply's secrets are sealed to it: only the edge that sent this command opens them. */
    readonly commandId: string,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: SignInRequestDto,
    caller: CommandCaller,
  ): SignInCommand {
    if (caller.commandId === undefined) throw new Error('SignIn needs its command id');
    return new SignInCommand(
      accountId,
      dto.UserName,
      dto.Password,
      dto.TokenCode,
      caller.commandId,
    );
  }
}
