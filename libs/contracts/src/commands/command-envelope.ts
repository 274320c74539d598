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
