import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { Response } from 'express';
import { newAccountIdFor } from '../accounts/create-account/create-account.routing';
import { CredentialSecrets } from '../credentials/credential-secrets.port';
import { sealCommandInputs } from '../credentials/sealed-command-inputs';
import { COMMAND_CATALOG } from '../pipeline/command-catalog';
import { CommandGateway } from '../pipeline/command-gateway.port';
import { httpStatusFor, resolveCaller } from './http-errors';

/**
 * `POST /v1/{Action}` with AWS's parameter names as a JSON body, e.g. `POST /v1/CreateUser`
 * `{"UserName": "alice"}`. Until authentication lands, the account is named by
 * `x-portcullis-account` and the caller by `x-portcullis-actor` (a principal ARN; absent = the
 * account's root). An `Idempotency-Key` header is the command id: a retry returns the first
 * result and changes nothing.
 */
@Controller('v1')
export class IamApiHttpController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly secrets: CredentialSecrets,
  ) {}

  @Post(':action')
  @HttpCode(200)
  async handle(
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers('x-portcullis-account') account: string | undefined,
    @Headers('x-portcullis-actor') actor: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const requestId = randomUUID();
    // CreateAccount names no account: the new account's id is chosen here, before routing.
    const caller = resolveCaller(
      account ??
        (action === 'CreateAccount' ? newAccountIdFor({ actor, idempotencyKey }) : undefined),
      actor,
    );
    if ('error' in caller) {
      res.status(httpStatusFor(caller.error.Code));
      return { Error: caller.error, RequestId: requestId };
    }
    const definition = Object.hasOwn(COMMAND_CATALOG, action) ? COMMAND_CATALOG[action] : undefined;
    // Passwords are sealed before the command goes anywhere (Kafka keeps every command).
    const command = sealCommandInputs(
      definition,
      {
        commandId: idempotencyKey ?? requestId,
        correlationId: requestId,
        accountId: caller.accountId,
        actor: caller.actor,
        action,
        input: body ?? {},
      },
      this.secrets,
    );
    const reply = await this.gateway.submit(command);
    if (!reply.ok) {
      res.status(httpStatusFor(reply.error.Code));
      return { Error: reply.error, RequestId: requestId };
    }
    // A reply carrying a secret (CreateAccessKey, CreateVirtualMFADevice) holds it sealed, as
    // it was published and kept for retries; this caller is the one who sees it in clear.
    const output = definition?.revealSecrets
      ? definition.revealSecrets(reply.output, this.secrets, caller)
      : reply.output;
    res.setHeader('x-portcullis-consistency-token', reply.consistencyToken);
    return {
      ...(output as object),
      ConsistencyToken: reply.consistencyToken,
      ResponseMetadata: { RequestId: requestId },
    };
  }
}
