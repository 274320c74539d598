import { Body, Controller, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { originOf } from '../http/request-signing';
import { validateDto } from '../pipeline/validate-dto';
import { ConsoleSignIn } from './console-sign-in';
import { SignInFormRequestDto } from './sign-in-form.request.dto';
import { SIGN_IN_INCORRECT } from './sign-in/sign-in.command';

/**
 * `POST /signin` `{"AccountId", "UserName", "Password", "TokenCode"?}`: console-style sign-in,
 * unsigned (it is how a user gets credentials). 200 `{"Credentials": {AccessKeyId,
 * SecretAccessKey, SessionToken, Expiration}, "PasswordResetRequired"}`; every credential
 * failure 403 AccessDenied with one message; a locked-out name or throttled source 429
 * Throttling with Retry-After (seconds), the same for names that are no user. See
 * console-sign-in.ts.
 */
@Controller('signin')
export class SignInHttpController {
  private readonly logger = new Logger('SignIn');

  constructor(private readonly signIn: ConsoleSignIn) {}

  @Post()
  @HttpCode(200)
  async handle(
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const requestId = randomUUID();
    res.setHeader('Cache-Control', 'no-store');
    const fail = (status: number, Code: string, Message: string) => {
      res.status(status);
      return { Error: { Code, Message }, RequestId: requestId };
    };
    const form = validateDto(SignInFormRequestDto, body);
    if (!form.ok) return fail(400, 'ValidationError', form.error.Message);

    const outcome = await this.signIn.signIn(form.value, originOf(req), requestId);
    switch (outcome.kind) {
      case 'signed-in':
        return {
          Credentials: outcome.credentials,
          PasswordResetRequired: outcome.passwordResetRequired,
          ResponseMetadata: { RequestId: requestId },
        };
      case 'denied':
        return fail(403, 'AccessDenied', SIGN_IN_INCORRECT);
      case 'throttled':
        res.setHeader('Retry-After', String(Math.max(1, outcome.retryAfterSeconds)));
        return fail(429, 'Throttling', 'Too many sign-in attempts. Try again later.');
      case 'failed':
        if (outcome.error.Code === 'ServiceUnavailable') {
          return fail(503, 'ServiceUnavailable', outcome.error.Message);
        }
        this.logger.error(`sign-in ${requestId} failed: ${outcome.error.Code}`);
        return fail(500, 'ServiceFailure', 'The request processing has failed.');
    }
  }
}
