import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SessionTokenSealer } from '@portcullis/credentials';
import { IamError } from '@portcullis/domain';
import { CredentialSecrets } from '../../credentials/credential-secrets.port';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { mfaFailed, proveMfa, sealIssuedCredentials } from '../shared/issued-credentials';
import { GetSessionTokenCommand, type GetSessionTokenResult } from './get-session-token.command';

const USER = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/;

@CommandHandler(GetSessionTokenCommand)
export class GetSessionTokenHandler implements ICommandHandler<GetSessionTokenCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
    private readonly sessions: SessionTokenSealer,
  ) {}

  async execute(command: GetSessionTokenCommand): Promise<GetSessionTokenResult> {
    const { accountId, caller } = command;
    if (caller.context?.authenticatedBy !== 'access-key') {
      throw new IamError(
        'AccessDenied',
        'Cannot call GetSessionToken with session credentials: sign it with an access key.',
      );
    }
    const account = this.accounts.get(accountId);
    const now = this.clock.now();
    const isRoot = caller.actor === `arn:aws:iam::${accountId}:root`;
    const userName = USER.exec(caller.actor)?.[2];
    const user = userName !== undefined ? account.getUser(userName) : undefined;
    if (!isRoot && (!user || user.arn !== caller.actor)) {
      throw new IamError(
        'AccessDenied',
        `User: ${caller.actor} is not authorized to perform: sts:GetSessionToken`,
      );
    }
    const duration = command.durationSeconds ?? (isRoot ? 3600 : 43_200);
    if (isRoot && duration > 3600) {
      throw new IamError(
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for the root user.',
      );
    }
    let mfaAuthenticatedAt: number | undefined;
    if (command.mfa) {
      if (!user || !command.mfa.serialNumber || !command.mfa.tokenCode) throw mfaFailed();
      mfaAuthenticatedAt = proveMfa(
        account,
        { userName: user.userName, ...command.mfa, purpose: 'GetSessionToken', now },
        this.secrets,
      );
    }
    const { credentials } = this.sessions.issue(
      {
        kind: 'session',
        accountId,
        principalArn: caller.actor,
        principalId: user?.userId ?? accountId,
        ...(mfaAuthenticatedAt !== undefined ? { mfaAuthenticatedAt } : {}),
      },
      { now: now.getTime(), durationSeconds: duration },
    );
    return {
      GetSessionTokenResult: {
        Credentials: sealIssuedCredentials(credentials, caller.commandId ?? '', this.secrets),
      },
    };
  }
}
