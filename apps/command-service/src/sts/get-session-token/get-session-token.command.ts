import { Command } from '@nestjs/cqrs';
import type { CommandCaller } from '../../pipeline/command-definition';
import type { IssuedCredentials } from '../shared/issued-credentials';
import type { GetSessionTokenRequestDto } from './get-session-token.request.dto';

export interface GetSessionTokenResult<Secret = unknown> {
  GetSessionTokenResult: { Credentials: IssuedCredentials<Secret> };
}

/**
 * GetSessionToken: temporary credentials for the calling user (or root) itself, optionally
 * proving MFA. Needs long-term credentials (an access key), as in AWS; no permission needed.
 */
export class GetSessionTokenCommand extends Command<GetSessionTokenResult> {
  constructor(
    readonly accountId: string,
    readonly caller: CommandCaller,
    readonly durationSeconds: number | undefined,
    readonly mfa: { serialNumber: string; tokenCode: string } | undefined,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: GetSessionTokenRequestDto,
    caller: CommandCaller,
  ): GetSessionTokenCommand {
    return new GetSessionTokenCommand(
      accountId,
      caller,
      dto.DurationSeconds,
      dto.SerialNumber !== undefined || dto.TokenCode !== undefined
        ? { serialNumber: dto.SerialNumber ?? '', tokenCode: dto.TokenCode ?? '' }
        : undefined,
    );
  }
}
