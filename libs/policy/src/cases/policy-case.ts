import type { AuthorizationRequest, Decision } from '../types';

/**
 * A conformance case (../shared/policy-cases/FORMAT.md): policies as raw documents, a request,
 * and the expected decision.
 */
export interface PolicyCase {
  id: string;
  about?: string;
  policies: {
    identity?: unknown[];
    resource?: unknown | null;
    boundary?: unknown | null;
    session?: unknown[];
    scp?: unknown[][];
  };
  request: AuthorizationRequest;
  expect: Decision;
}

/** A malformed case line. `line` is 1-based. */
export class PolicyCaseFormatError extends Error {
  override readonly name = 'PolicyCaseFormatError';
  constructor(
    message: string,
    readonly line: number,
    readonly caseId?: string,
  ) {
    super(`line ${line}${caseId === undefined ? '' : ` (${caseId})`}: ${message}`);
  }
}
