import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  DEFAULT_MANAGEMENT_ACCOUNT_ID,
  PORTCULLIS_CONFIG,
  type PortcullisConfig,
} from '@portcullis/platform';
import { CommandBus } from '@nestjs/cqrs';
import { KeyRing, sealTo } from '@portcullis/credentials';
import { randomUUID } from 'crypto';
import type { CommandEnvelope, CommandError, EventEnvelope } from '@portcullis/contracts';
import { Account, AccountEvent, IamError } from '@portcullis/domain';
import type { LogPosition } from '@portcullis/event-log';
import { createAccountAuthorization } from '../accounts/create-account/create-account.authorization';
import { AccountIamDirectory } from '../authorization/account.iam-directory';
import {
  authorizeIamCommand,
  type IamCommandRequest,
} from '../authorization/authorize-iam-request';
import { Clock } from '../shared/clock';
import { AccountRepository } from './account.repository';
import { COMMAND_CATALOG } from './command-catalog';
import { CommandEnvelopeDto } from './command-envelope.dto';
import { validateDto } from './validate-dto';
import { CredentialSecrets } from '../credentials/credential-secrets.port';
import { openCommandInputs } from '../credentials/sealed-command-inputs';
import { isRead } from '../reads/shared/read-definition';
import {
  SignedCommandAuthenticator,
  type CommandRecord,
} from '../authentication/signed-command.authenticator';

function isUsableReplyKey(publicKey: string): boolean {
  try {
    sealTo(publicKey, 'probe', 'portcullis/reply-key-check');
    return true;
  } catch {
    return false;
  }
}

/** What the write side decided for one command, before anything is appended. */
export type CommandDecision =
  | { kind: 'rejected'; error: CommandError }
  | { kind: 'duplicate'; result: unknown; positions: LogPosition[] }
  | {
      kind: 'accepted';
      result: unknown;
      events: EventEnvelope[];
      domainEvents: AccountEvent[];
      /**
       * For a command that raised no events (an attachment repeated, a read): the log positions
       * its decision was based on, which its reply's consistency token names (see `basedOn`).
       */
      basedOn: LogPosition[];
    };

/**
 * Validates a command, authorizes it (IAM authorizes IAM) and runs its handler against the live
 * aggregate. Appending is the caller's job (embedded log, or a Kafka transaction with the reply
 * and the consumed offset), so this is the same for every transport.
 *
 * Order: the action must exist → its DTO must validate (syntax: ValidationError) → a command id
 * already committed is answered with its first reply → the actor must be allowed the matching IAM
 * action on the target (AccessDenied) → the handler runs the aggregate, which checks the rest
 * (existence, conflicts, quotas, documents). A rejected command raises nothing.
 */
@Injectable()
export class CommandProcessor {
  private readonly logger = new Logger('CommandProcessor');

  constructor(
    private readonly commandBus: CommandBus,
    private readonly accounts: AccountRepository,
    @Optional() private readonly clock: Clock = new Clock(),
    // Opens the sealed passwords of password commands; without it they are refused. Public: the
    // Kafka writer opens reply secrets with it to encrypt them to a caller's `replyKey`.
    @Optional() readonly secrets?: CredentialSecrets,
    @Optional()
    @Inject(PORTCULLIS_CONFIG)
    config?: PortcullisConfig,
    // Checks who signed a command read from Kafka; without it every such command is refused.
    @Optional() private readonly signedCommands?: SignedCommandAuthenticator,
    // Opens passwords a Kafka caller encrypted to the service's sealed-box key.
    @Optional() private readonly keyRing?: KeyRing,
  ) {
    this.managementAccountId = config?.managementAccountId ?? DEFAULT_MANAGEMENT_ACCOUNT_ID;
  }

  /** Whose root (and principals it allows) may create accounts. */
  private readonly managementAccountId: string;

  /** Checks the envelope of a command that came from outside (Kafka). */
  validateEnvelope(
    raw: unknown,
  ): { ok: true; value: CommandEnvelope } | { ok: false; error: CommandError } {
    const checked = validateDto(CommandEnvelopeDto, raw);
    if (!checked.ok) return checked;
    const envelope = checked.value as CommandEnvelope;
    // A reply key the reply's secrets could not be encrypted to is refused before anything
    // happens, not discovered after the command took effect.
    if (envelope.replyKey !== undefined && !isUsableReplyKey(envelope.replyKey)) {
      return {
        ok: false,
        error: { Code: 'ValidationError', Message: 'replyKey is not a usable X25519 public key.' },
      };
    }
    return { ok: true, value: envelope };
  }

  /**
   * Who sent a command that came from Kafka: the envelope to decide (its caller as the signature
   * proves it), or the error to answer (AccessDenied for an unsigned command).
   */
  async authenticate(
    envelope: CommandEnvelope,
    record: CommandRecord,
  ): Promise<{ ok: true; value: CommandEnvelope } | { ok: false; error: CommandError }> {
    if (!this.signedCommands) {
      return {
        ok: false,
        error: { Code: 'AccessDenied', Message: 'Commands cannot be authenticated here.' },
      };
    }
    const result = await this.signedCommands.authenticate(envelope, record);
    return result.ok ? { ok: true, value: result.envelope } : result;
  }

  async decide(envelope: CommandEnvelope): Promise<CommandDecision> {
    const definition = Object.hasOwn(COMMAND_CATALOG, envelope.action)
      ? COMMAND_CATALOG[envelope.action]
      : undefined;
    if (!definition) {
      return {
        kind: 'rejected',
        error: {
          Code: 'InvalidAction',
          Message: `The action ${envelope.action} is not valid for this web service.`,
        },
      };
    }
    const opened = openCommandInputs(definition, envelope, this.secrets, this.keyRing);
    if (!opened.ok) return { kind: 'rejected', error: opened.error };
    const checked = validateDto(definition.dto, opened.input);
    if (!checked.ok) return { kind: 'rejected', error: checked.error };

    // Reads leave nothing behind to replay: a read is answered afresh, never as a duplicate.
    const previous = isRead(definition)
      ? undefined
      : this.accounts.committedCommand(envelope.accountId, envelope.commandId);
    if (previous && definition.replyFromHandler) {
      return {
        kind: 'rejected',
        error: {
          Code: 'InvalidInput',
          Message:
            'This request was answered already, and credentials are issued only once: send a new request.',
        },
      };
    }
    if (previous) {
      return {
        kind: 'duplicate',
        result: definition.resultFrom(previous.events),
        positions: previous.positions,
      };
    }

    if (definition.internal && envelope.caller?.authenticatedBy !== 'service') {
      return {
        kind: 'rejected',
        error: {
          Code: 'InvalidAction',
          Message: `The action ${envelope.action} is not valid for this web service.`,
        },
      };
    }
    const account = this.accounts.get(envelope.accountId);
    const denied =
      definition.internal || definition.selfAuthorized
        ? undefined // a Portcullis service, authenticated as such; or the handler decides
        : this.authorize(envelope, checked.value, account);
    if (denied) return { kind: 'rejected', error: denied };

    account.takePending(); // nothing may leak from an earlier, failed command
    let handlerResult: unknown;
    try {
      handlerResult = await this.commandBus.execute(
        definition.toCommand(envelope.accountId, checked.value, {
          accountId: envelope.accountId,
          actor: envelope.actor,
          commandId: envelope.commandId,
          ...(envelope.caller !== undefined ? { context: envelope.caller } : {}),
        }),
      );
    } catch (error) {
      account.takePending();
      if (error instanceof IamError) {
        return { kind: 'rejected', error: { Code: error.code, Message: error.message } };
      }
      throw error;
    }
    const domainEvents = account.takePending();
    const occurredAt = new Date().toISOString();
    const events = domainEvents.map((e): EventEnvelope => ({
      eventId: randomUUID(),
      type: e.type,
      accountId: envelope.accountId,
      sequence: e.sequence,
      occurredAt,
      actor: envelope.actor,
      commandId: envelope.commandId,
      correlationId: envelope.correlationId ?? envelope.commandId,
      payload: e.payload,
    }));
    // A command that changed something replies what its events say, through the same function
    // that answers its retries (from the log, after a restart too): the first reply and every
    // retry's are equal by construction. One that changed nothing (an attachment repeated, a
    // read) answers what its handler returned.
    const result =
      domainEvents.length > 0 && !definition.replyFromHandler
        ? definition.resultFrom(domainEvents)
        : handlerResult;
    return {
      kind: 'accepted',
      result,
      events,
      domainEvents,
      basedOn: domainEvents.length > 0 ? [] : this.basedOn(envelope.accountId),
    };
  }

  /**
   * IAM authorizes IAM: the actor must be allowed the command's IAM action on its target, by its
   * current policies in the account (the account's root: everything in it). Denied → the
   * AccessDenied error, with the explanation in the debug log.
   */
  private authorize(
    envelope: CommandEnvelope,
    input: object,
    account: Account,
  ): CommandError | undefined {
    const asked: IamCommandRequest = {
      accountId: envelope.accountId,
      actor: envelope.actor,
      action: envelope.action,
      input,
      ...(envelope.caller !== undefined ? { caller: envelope.caller } : {}),
    };
    const { request, directory } =
      envelope.action === 'CreateAccount'
        ? createAccountAuthorization(asked, this.managementAccountId)
        : { request: asked, directory: new AccountIamDirectory(account) };
    // One compiled-policy cache for the process: authorizeIamCommand's shared default.
    const decision = authorizeIamCommand(request, directory, this.clock.now());
    if (decision.allowed) return undefined;
    this.logger.debug(`${envelope.commandId} denied: ${decision.explanation}`);
    return { Code: decision.error.Code, Message: decision.error.Message };
  }

  /**
   * The log position(s) a decision that raised no events was based on: the position of the
   * account's last applied event (none for an account without history: every reader has passed
   * an empty token). Inside one Kafka chunk, commands committed in the same transaction are not
   * positioned yet; the token then names the last committed event, which the decision also saw.
   */
  private basedOn(accountId: string): LogPosition[] {
    const position = this.accounts.positionOf(accountId);
    return position ? [position] : [];
  }
}
