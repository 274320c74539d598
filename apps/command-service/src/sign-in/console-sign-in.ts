import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { CallerContext, CommandEnvelope, CommandError } from '@portcullis/contracts';
import { SignInLimiter, type FailureOutcome } from '@portcullis/credentials';
import { randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../authentication/request-authenticator';
import { CredentialSecrets, issuedCredentialBinding } from '../credentials/credential-secrets.port';
import { sealCommandInputs } from '../credentials/sealed-command-inputs';
import type { SealedReplySecret } from '../credentials/shared/sealed-reply-secret';
import { COMMAND_CATALOG } from '../pipeline/command-catalog';
import { CommandGateway } from '../pipeline/command-gateway.port';
import type { IssuedCredentials } from '../sts/shared/issued-credentials';
import type { SignInFormRequestDto } from './sign-in-form.request.dto';
import type { SignInResult } from './sign-in/sign-in.command';

export type SignInOutcome =
  | {
      readonly kind: 'signed-in';
      readonly credentials: IssuedCredentials<string>;
      readonly passwordResetRequired: boolean;
    }
  /** Wrong password, unknown user, no password, missing or wrong code: all the same. */
  | { readonly kind: 'denied' }
  /** The user is locked out, the source throttled, or an attempt for the user is under way. */
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number }
  /** Not a credential failure (the command side unavailable): the command's error. */
  | { readonly kind: 'failed'; readonly error: CommandError };

/** Attempts from one source decided at the same time; more are throttled, not counted. */
export const MAX_IN_FLIGHT_PER_SOURCE = 8;

/**
 * The sign-in edge: rate-limits, then sends the internal SignIn command (password and code
 * sealed) through the gateway, and opens the credentials of its reply for the HTTP caller.
 *
 * The limiter (per claimed user name, per source address; lockout with doubling) is checked
 * before anything is verified, so a locked-out user is refused even with the right password, and
 * it keys on the name as claimed, so unknown names lock out exactly like real ones. The lockout's
 * start is recorded in the log (RecordSignInLockout → `iam.sign-in-locked-out.v1`, for users
 * that exist). One attempt per user name at a time (and a few per source): parallel guesses
 * cannot outrun the count.
 *
 * The limiter lives in this process's memory: with several command-service instances behind a
 * load balancer, each counts the failures it sees (a guesser spread over n instances gets up to
 * n times the threshold before every instance locks), and a restart forgets them.
 */
@Injectable()
export class ConsoleSignIn implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SignIn');
  private readonly usersInFlight = new Set<string>();
  private readonly sourcesInFlight = new Map<string, number>();
  private pruning?: NodeJS.Timeout;

  constructor(
    private readonly gateway: CommandGateway,
    private readonly secrets: CredentialSecrets,
    private readonly limiter: SignInLimiter,
  ) {}

  onModuleInit(): void {
    this.pruning = setInterval(() => this.limiter.prune(), 60_000);
    this.pruning.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.pruning);
  }

  async signIn(
    form: SignInFormRequestDto,
    origin: RequestOrigin,
    requestId: string,
  ): Promise<SignInOutcome> {
    // IAM user names are unique ignoring case: one count per name, however it is spelled.
    const user = `${form.AccountId}/${form.UserName.toLowerCase()}`;
    const source = origin.sourceIp ?? 'unknown';
    const decision = this.limiter.check(user, source);
    if (!decision.allowed) {
      return { kind: 'throttled', retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000) };
    }
    const sourceInFlight = this.sourcesInFlight.get(source) ?? 0;
    if (this.usersInFlight.has(user) || sourceInFlight >= MAX_IN_FLIGHT_PER_SOURCE) {
      return { kind: 'throttled', retryAfterSeconds: 1 };
    }
    this.usersInFlight.add(user);
    this.sourcesInFlight.set(source, sourceInFlight + 1);
    try {
      return await this.attempt(form, origin, requestId, user, source);
    } finally {
      this.usersInFlight.delete(user);
      const left = (this.sourcesInFlight.get(source) ?? 1) - 1;
      if (left > 0) this.sourcesInFlight.set(source, left);
      else this.sourcesInFlight.delete(source);
    }
  }

  private async attempt(
    form: SignInFormRequestDto,
    origin: RequestOrigin,
    requestId: string,
    user: string,
    source: string,
  ): Promise<SignInOutcome> {
    const caller = callerOf(origin);
    const commandId = `sign-in-${randomUUID()}`;
    const reply = await this.gateway.submit(
      sealCommandInputs(
        COMMAND_CATALOG.SignIn,
        envelope(form.AccountId, commandId, requestId, 'SignIn', caller, {
          UserName: form.UserName,
          Password: form.Password,
          ...(form.TokenCode !== undefined ? { TokenCode: form.TokenCode } : {}),
        }),
        this.secrets,
      ),
    );
    if (reply.ok) {
      this.limiter.recordSuccess(user);
      const result = reply.output as SignInResult<SealedReplySecret>;
      return {
        kind: 'signed-in',
        credentials: {
          ...result.Credentials,
          SecretAccessKey: this.open(
            result.Credentials.SecretAccessKey,
            commandId,
            'SecretAccessKey',
          ),
          SessionToken: this.open(result.Credentials.SessionToken, commandId, 'SessionToken'),
        },
        passwordResetRequired: result.PasswordResetRequired,
      };
    }
    if (reply.error.Code !== 'AccessDenied') return { kind: 'failed', error: reply.error };
    const outcome = this.limiter.recordFailure(user, source);
    if (outcome.lockedOut) await this.recordLockout(form, outcome, caller, requestId);
    return { kind: 'denied' };
  }

  /**
   * Opens a secret of the reply with the binding of this very command (not the one the reply
   * states): a reply meant for another request does not open here.
   */
  private open(value: SealedReplySecret, commandId: string, member: string): string {
    if (typeof value?.Sealed !== 'string') throw new Error('SignIn reply secret is not sealed');
    return this.secrets.open(value.Sealed, issuedCredentialBinding(commandId, member));
  }

  /** The audit record; the answer to the caller does not depend on it. */
  private async recordLockout(
    form: SignInFormRequestDto,
    outcome: Extract<FailureOutcome, { lockedOut: true }>,
    caller: CallerContext,
    requestId: string,
  ): Promise<void> {
    const until = new Date(outcome.lockedUntil).toISOString();
    this.logger.warn(
      `sign-in locked out in account ${form.AccountId} after ${outcome.consecutiveFailures} failures, until ${until}`,
    );
    try {
      const reply = await this.gateway.submit(
        envelope(
          form.AccountId,
          `sign-in-lockout-${randomUUID()}`,
          requestId,
          'RecordSignInLockout',
          caller,
          { UserName: form.UserName, Failures: outcome.consecutiveFailures, LockedUntil: until },
        ),
      );
      // NoSuchEntity: a name that is no user of the account, locked out all the same.
      if (!reply.ok && reply.error.Code !== 'NoSuchEntity') {
        this.logger.warn(`sign-in lockout not recorded: ${reply.error.Code}`);
      }
    } catch (error) {
      this.logger.warn(
        `sign-in lockout not recorded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/** The edge speaks for the request as a Portcullis service, stating where it came from. */
function callerOf(origin: RequestOrigin): CallerContext {
  return {
    authenticatedBy: 'service',
    secureTransport: origin.secureTransport,
    ...(origin.sourceIp !== undefined ? { sourceIp: origin.sourceIp } : {}),
  };
}

function envelope(
  accountId: string,
  commandId: string,
  requestId: string,
  action: string,
  caller: CallerContext,
  input: object,
): CommandEnvelope {
  return {
    commandId,
    correlationId: requestId,
    accountId,
    // Like the bootstrap: a service acting in the account; the events name the user.
    actor: `arn:aws:iam::${accountId}:root`,
    action,
    input,
    caller,
  };
}
