/**
 * A command as carried on `iam.commands` (key = account id) and as the HTTP API forwards it.
 * `commandId` makes retries idempotent; `correlationId` ties the reply on
 * `iam.command-results` to its request.
 */
export interface CommandEnvelope<P = unknown> {
  commandId: string;
  correlationId: string;
  accountId: string;
  /** Principal ARN of the caller. */
  actor: string;
  /** AWS action name: `CreateUser`, `PutUserPolicy`, ... */
  type: string;
  payload: P;
}

export interface CommandError {
  /** AWS error code where AWS has one: `EntityAlreadyExists`, `ValidationError`, ... */
  code: string;
  message: string;
  /** Field-level details (validation), when there are any. */
  details?: { field: string; message: string }[];
}

export type CommandReply =
  | {
      correlationId: string;
      commandId: string;
      ok: true;
      result: unknown;
      /** Log position(s) of the events the command produced (or that its decision saw). */
      consistencyToken: string;
    }
  | {
      correlationId: string;
      commandId: string;
      ok: false;
      error: CommandError;
    };
