import { status } from '@grpc/grpc-js';

/**
 * What the query service refuses, each with the gRPC status it maps to. Messages say what was
 * wrong and are safe to show to the caller.
 */
export abstract class QueryError extends Error {
  abstract readonly code: status;
}

/** A malformed request: ARN, action, resource, token, policy document, context entry. */
export class InvalidArgumentError extends QueryError {
  override readonly name = 'InvalidArgumentError';
  readonly code = status.INVALID_ARGUMENT;
}

/** The read models hold no such principal. */
export class PrincipalNotFoundError extends QueryError {
  override readonly name = 'PrincipalNotFoundError';
  readonly code = status.NOT_FOUND;
  constructor(readonly arn: string) {
    super(`No principal ${arn} is known (as of the consistency asked for).`);
  }
}

/** The projection did not reach the requested consistency before the deadline. */
export class StaleProjectionError extends QueryError {
  override readonly name = 'StaleProjectionError';
  readonly code = status.DEADLINE_EXCEEDED;
}

/** The read models cannot be read, or contradict themselves (retry). */
export class ReadModelUnavailableError extends QueryError {
  override readonly name = 'ReadModelUnavailableError';
  readonly code = status.UNAVAILABLE;
}

/**
 * The caller is not authenticated: no `authorization: Bearer <SessionToken>`, or a token that is
 * not authentic or has expired. The message never says more than that.
 */
export class UnauthenticatedError extends QueryError {
  override readonly name = 'UnauthenticatedError';
  readonly code = status.UNAUTHENTICATED;
}

/**
 * The caller may not ask about that principal. The message is the same whether or not the
 * principal exists (the decision is taken before anything about it is read).
 */
export class PermissionDeniedError extends QueryError {
  override readonly name = 'PermissionDeniedError';
  readonly code = status.PERMISSION_DENIED;
}

/** The status and message a failure is answered with; unexpected errors are INTERNAL. */
export function statusOf(error: unknown): { code: status; message: string } {
  if (error instanceof QueryError) return { code: error.code, message: error.message };
  return { code: status.INTERNAL, message: 'internal error (see the query service log)' };
}
