import type { CallerContext } from '@portcullis/contracts';

/** Who a request or a signed command comes from, as its signature proved. */
export interface AuthenticatedCaller {
  /** The caller's own account (where its IAM actions apply). */
  readonly accountId: string;
  /** The principal commands are authorized for: a user, the root, or an assumed-role session ARN. */
  readonly actor: string;
  /** The caller's unique id (GetCallerIdentity's UserId), when its credentials name it. */
  readonly userId?: string;
  readonly context: CallerContext;
}
