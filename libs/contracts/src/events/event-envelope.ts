/**
 * The envelope every event carries on the log. `type` is an explicit, versioned string
 * (`iam.user-created.v1`), never a class name, so renaming code never breaks the history.
 */
export interface EventEnvelope<P = unknown> {
  eventId: string;
  type: string;
  accountId: string;
  /** Per account, gapless, starting at 1. */
  sequence: number;
  /** ISO 8601. */
  occurredAt: string;
  /** Principal ARN of whoever caused the event. */
  actor: string;
  commandId: string;
  correlationId: string;
  payload: P;
}
