/**
 * A command as carried on `iam.commands` (key = account id) and as the HTTP API forwards it:
 * `{"commandId", "accountId", "actor", "action": "CreateUser", "input": {...AWS parameters...}}`.
 * `commandId` makes retries idempotent; `correlationId` (default: the command id) ties the reply
 * on `iam.command-results` to its request.
 */
export interface CommandEnvelope<I = unknown> {
  commandId: string;
  correlationId?: string;
  accountId: string;
  /** Principal ARN of the caller. */
  actor: string;
  /** AWS action name: `CreateUser`, `PutUserPolicy`, ... */
  action: string;
  input: I;
  /**
   * How the actor was authenticated and what AWS puts in the request context for it. Set by the
   * service that authenticated the caller (the HTTP edge, a signed-command check); a command
   * signed with an access key has it replaced by what its signature proves.
   */
  caller?: CallerContext;
  /**
   * The caller's X25519 public key (base64url of its raw 32 bytes). Set: the secrets of the reply
   * (a new access key's secret, an MFA seed, credentials) come as `{"Encrypted": "psb1.…",
   * "BoundTo": {...}}`, sealed to this key (see sealed-box.ts in @portcullis/credentials), instead
   * of sealed under the service's own key. Part of the signed record, so it cannot be swapped.
   */
  replyKey?: string;
}

/**
 * The authenticated caller of a command: the facts the request context keys come from
 * (`aws:MultiFactorAuthPresent`, `aws:TokenIssueTime`, `aws:SourceIp`, ...). Times are ISO 8601.
 */
export interface CallerContext {
  /** How the caller proved who it is: a long-term access key, temporary credentials, or a
   *  Portcullis service acting on its own behalf (bootstrap). */
  authenticatedBy: 'access-key' | 'session-token' | 'service';
  /** The key the request was signed with (`AKIA…` / `ASIA…`). */
  accessKeyId?: string;
  /** Temporary credentials: when they were issued (`aws:TokenIssueTime`). */
  tokenIssuedAt?: string;
  /** When the caller last proved MFA (`aws:MultiFactorAuthPresent`, `aws:MultiFactorAuthAge`). */
  mfaAuthenticatedAt?: string;
  /** An assumed-role session's inline session policy (JSON), evaluated with the role's own. */
  sessionPolicy?: string;
  /** The client's address (`aws:SourceIp`). */
  sourceIp?: string;
  /** Whether the request came over TLS (`aws:SecureTransport`). */
  secureTransport?: boolean;
  /**
   * `<action> <resource>` pairs the caller's own account already allowed by its identity
   * policies (checked by that account's writer for a cross-account AssumeRole), stated by the
   * edge under its service signature.
   */
  preAuthorized?: string[];
}

/** An error as the API answers it, AWS-style. */
export interface CommandError {
  /** AWS error code where AWS has one: `EntityAlreadyExists`, `ValidationError`, ... */
  Code: string;
  Message: string;
  /** Field-level details (validation), when there are any. */
  Details?: { field: string; message: string }[];
}

export type CommandReply =
  | {
      commandId: string;
      correlationId: string;
      ok: true;
      /** AWS's response members, e.g. `{"User": {...}}`. */
      output: unknown;
      /** Log position(s) of the events the command produced (or that its decision saw). */
      consistencyToken: string;
    }
  | {
      commandId: string;
      correlationId: string;
      ok: false;
      error: CommandError;
    };
