import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { SIGV4_HTTP_STATUS } from '@portcullis/credentials';
import { randomUUID } from 'crypto';
import type { Request, Response } from 'express';
import { AccessKeyUsageRecorder } from '../access-key-usage/access-key-usage.recorder';
import { RequestAuthenticator } from '../authentication/request-authenticator';
import { CredentialSecrets } from '../credentials/credential-secrets.port';
import { sealCommandInputs } from '../credentials/sealed-command-inputs';
import { COMMAND_CATALOG } from '../pipeline/command-catalog';
import { CommandGateway } from '../pipeline/command-gateway.port';
import { getCallerIdentity } from '../sts/get-caller-identity';
import { httpStatusFor } from './http-errors';
import { originOf, sigV4RequestOf, signingServicesFor } from './request-signing';

/**
 * `POST /v1/{Action}` with AWS's parameter names as a JSON body, e.g. `POST /v1/CreateUser`
 * `{"UserName": "alice"}`, signed with AWS Signature Version 4 (service `iam`, `sts` for the STS
 * actions; the configured region) by an access key or temporary credentials. The signature
 * decides the caller and its account. An `Idempotency-Key` header is the command id: a retry
 * returns the first result and changes nothing.
 */
@Controller('v1')
export class IamApiHttpController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly secrets: CredentialSecrets,
    private readonly authenticator: RequestAuthenticator,
    private readonly keyUsage: AccessKeyUsageRecorder,
  ) {}

  @Post(':action')
  @HttpCode(200)
  async handle(
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: RawBodyRequest<Request>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const requestId = randomUUID();
    const authenticated = await this.authenticator.authenticate(
      sigV4RequestOf(req),
      originOf(req),
      {
        services: signingServicesFor(action),
      },
    );
    if (!authenticated.ok) {
      res.status(SIGV4_HTTP_STATUS[authenticated.code]);
      return {
        Error: { Code: authenticated.code, Message: authenticated.message },
        RequestId: requestId,
      };
    }
    const caller = authenticated.caller;
    // GetAccessKeyLastUsed: a long-term key's use, recorded in batches (not on every request).
    this.keyUsage.record(caller, authenticated.scope);
    if (action === 'GetCallerIdentity') {
      return { ...getCallerIdentity(caller), ResponseMetadata: { RequestId: requestId } };
    }
    const definition = Object.hasOwn(COMMAND_CATALOG, action) ? COMMAND_CATALOG[action] : undefined;
    // Commands only Portcullis itself sends (bootstrap) are not part of the API.
    const exposed = definition && !definition.internal ? definition : undefined;
    if (!exposed) {
      res.status(httpStatusFor('InvalidAction'));
      return {
        Error: {
          Code: 'InvalidAction',
          Message: `The action ${action} is not valid for this web service.`,
        },
        RequestId: requestId,
      };
    }
    // Where the command is decided (the caller's own account unless the action says), and what
    // the deciding writer is told about the caller.
    const accountId = exposed.accountFor?.(body, caller, idempotencyKey) ?? caller.accountId;
    const context = exposed.callerContextFor
      ? await exposed.callerContextFor(this.gateway, caller, body, requestId)
      : caller.context;
    // Passwords are sealed before the command goes anywhere (Kafka keeps every command).
    const command = sealCommandInputs(
      exposed,
      {
        commandId: idempotencyKey ?? requestId,
        correlationId: requestId,
        accountId,
        actor: caller.actor,
        action,
        input: body ?? {},
        caller: context,
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
    const output = exposed.revealSecrets
      ? exposed.revealSecrets(reply.output, this.secrets, { accountId, actor: caller.actor })
      : reply.output;
    res.setHeader('x-portcullis-consistency-token', reply.consistencyToken);
    return {
      ...(output as object),
      ConsistencyToken: reply.consistencyToken,
      ResponseMetadata: { RequestId: requestId },
    };
  }
}
