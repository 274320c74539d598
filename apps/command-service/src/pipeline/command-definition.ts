import type { CallerContext } from '@portcullis/contracts';
import type { Type } from '@nestjs/common';
import type { Command, ICommandHandler } from '@nestjs/cqrs';
import type { AccountEvent } from '@portcullis/domain';
import type { AuthenticatedCaller } from '../authentication/authenticated-caller';
import type { CredentialSecrets } from '../credentials/credential-secrets.port';
import type { CommandGateway } from './command-gateway.port';

/** Who sent a command: the account it acts in and the caller's principal ARN. */
export interface CommandCaller {
  readonly accountId: string;
  readonly actor: string;
  /** The command's id (what secrets in its reply are bound to). */
  readonly commandId?: string;
  /** How the caller authenticated (STS needs it: MFA, long-term vs temporary credentials). */
  readonly context?: CallerContext;
}

/** How one AWS action enters the write side: its request DTO, its command, its reply. */
export interface CommandDefinition {
  dto: new () => object;
  /** `caller`: for actions whose target defaults to the caller (CreateAccessKey's UserName). */
  toCommand(accountId: string, dto: object, caller: CommandCaller): Command<unknown>;
  /**
   * The reply of a committed command, derived from its events, so that a retry (same command
   * id) gets the first reply even after a restart. Reads produce no events and answer with what
   * their handler returns.
   */
  resultFrom(events: readonly AccountEvent[]): unknown;
  /**
   * For a reply that carries a secret (CreateAccessKey's SecretAccessKey, CreateVirtualMFADevice's
   * seed): the reply with the secret opened, for the HTTP caller only. Everywhere else (Kafka
   * `iam.command-results`, a retry's reply rebuilt from the log) the secret stays sealed, or, for
   * a Kafka caller that sent a `replyKey`, encrypted to that key (encryptReplySecrets).
   */
  revealSecrets?(output: unknown, secrets: CredentialSecrets, caller: CommandCaller): unknown;
  /**
   * Input members that are secrets (passwords). A command travels on Kafka (`iam.commands`), so
   * the HTTP edge seals them (see sealed-command-inputs.ts) and the partition owner opens them;
   * a plaintext value is refused.
   */
  sealedInputs?: readonly string[];
  /**
   * Sent only by Portcullis's own services (the bootstrap of the management account): not part
   * of the HTTP API, and refused from any caller that did not authenticate as a service.
   */
  internal?: boolean;
  /**
   * The reply is what the handler returns, even when it raised events (credentials issued by
   * GetSessionToken, AssumeRole, sign-in: their events, e.g. a spent MFA code, cannot rebuild
   * them). Such a command is answered once: a retry of its command id is refused.
   */
  replyFromHandler?: boolean;
  /**
   * The handler authorizes the request itself (STS: GetSessionToken needs no permission;
   * AssumeRole evaluates the role's trust policy with the caller's identity policies).
   */
  selfAuthorized?: boolean;
  /**
   * The HTTP edge's routing, for actions not decided in the caller's own account: the account
   * whose writer decides (CreateAccount: the new one; AssumeRole: the role's). Kafka producers
   * choose the account themselves (the message key).
   */
  accountFor?(
    input: unknown,
    caller: AuthenticatedCaller,
    idempotencyKey?: string,
  ): string | undefined;
  /**
   * The caller context the HTTP edge sends, when the deciding writer lacks the caller's policies
   * and the caller's own account must be asked first (see assume-role.routing.ts).
   */
  callerContextFor?(
    gateway: CommandGateway,
    caller: AuthenticatedCaller,
    input: unknown,
    correlationId: string,
  ): Promise<CallerContext>;
}

export const defineCommand = <D extends object>(def: {
  dto: new () => D;
  toCommand(accountId: string, dto: D, caller: CommandCaller): Command<unknown>;
  resultFrom(events: readonly AccountEvent[]): unknown;
  revealSecrets?(output: unknown, secrets: CredentialSecrets, caller: CommandCaller): unknown;
  sealedInputs?: readonly (keyof D & string)[];
  internal?: boolean;
  replyFromHandler?: boolean;
  selfAuthorized?: boolean;
  accountFor?: CommandDefinition['accountFor'];
  callerContextFor?: CommandDefinition['callerContextFor'];
}): CommandDefinition => def as CommandDefinition;

/** One area of the API (users, groups, ...): its actions and the handlers that serve them. */
export interface CommandArea {
  commands: Readonly<Record<string, CommandDefinition>>;
  handlers: Type<ICommandHandler>[];
}
