import { defineCommand, type CommandArea } from '../pipeline/command-definition';
import { defineRead } from '../reads/shared/read-definition';
import {
  CheckCallerPermissionCommand,
  CheckCallerPermissionHandler,
  CheckCallerPermissionRequestDto,
} from './check-caller-permission/check-caller-permission';
import { AssumeRoleCommand, type AssumeRoleResult } from './assume-role/assume-role.command';
import { AssumeRoleHandler } from './assume-role/assume-role.handler';
import { AssumeRoleRequestDto } from './assume-role/assume-role.request.dto';
import { roleAccountOf, withCrossAccountIdentity } from './assume-role/assume-role.routing';
import {
  GetSessionTokenCommand,
  type GetSessionTokenResult,
} from './get-session-token/get-session-token.command';
import { GetSessionTokenHandler } from './get-session-token/get-session-token.handler';
import { GetSessionTokenRequestDto } from './get-session-token/get-session-token.request.dto';
import { revealIssuedCredentials, type IssuedCredentials } from './shared/issued-credentials';

/**
 * STS on the same `POST /v1/{Action}` API (signed for service `sts`). They change nothing but a
 * spent MFA code; the credentials they issue are in their reply only (sealed on Kafka, opened by
 * the HTTP edge), so each request is answered once (`replyFromHandler`). They authorize
 * themselves: GetSessionToken needs no permission, AssumeRole is the role's trust policy with
 * the caller's identity policies. GetCallerIdentity is answered by the edge (no command).
 */
export const STS: CommandArea = {
  commands: {
    GetSessionToken: defineCommand({
      dto: GetSessionTokenRequestDto,
      toCommand: (accountId, dto, caller) =>
        GetSessionTokenCommand.fromRequest(accountId, dto, caller),
      resultFrom: noEventReply,
      revealSecrets: (output, secrets) => {
        const r = (output as GetSessionTokenResult<never>).GetSessionTokenResult;
        return {
          GetSessionTokenResult: {
            Credentials: revealIssuedCredentials(r.Credentials as IssuedCredentials, secrets),
          },
        };
      },
      replyFromHandler: true,
      selfAuthorized: true,
    }),
    AssumeRole: defineCommand({
      dto: AssumeRoleRequestDto,
      toCommand: (accountId, dto, caller) => AssumeRoleCommand.fromRequest(accountId, dto, caller),
      // Decided by the role's account; across accounts the caller's own is asked first.
      accountFor: (input) => roleAccountOf(input),
      callerContextFor: withCrossAccountIdentity,
      resultFrom: noEventReply,
      revealSecrets: (output, secrets) => {
        const r = (output as AssumeRoleResult<never>).AssumeRoleResult;
        return {
          AssumeRoleResult: {
            ...r,
            Credentials: revealIssuedCredentials(r.Credentials as IssuedCredentials, secrets),
          },
        };
      },
      replyFromHandler: true,
      selfAuthorized: true,
    }),
    CheckCallerPermission: {
      ...defineRead({
        dto: CheckCallerPermissionRequestDto,
        toCommand: (accountId, dto) => new CheckCallerPermissionCommand(accountId, dto),
      }),
      internal: true,
    },
  },
  handlers: [GetSessionTokenHandler, AssumeRoleHandler, CheckCallerPermissionHandler],
};

/** Their replies are their handlers' (replyFromHandler): never rebuilt from events. */
function noEventReply(): never {
  throw new Error('an STS reply is its handler’s, never rebuilt from events');
}
