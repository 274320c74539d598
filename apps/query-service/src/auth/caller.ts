import type { SessionClaims } from '@portcullis/credentials';
import type { CompiledPolicy } from '@portcullis/policy';
import { principalRef, type PrincipalRef } from '../shared/request-validation';

/**
 * Who called, as the session token of the call says: temporary credentials of a user or an
 * account root (GetSessionToken) or of a role session (AssumeRole). Made once per token (the
 * authenticator keeps it with the token's claims), so a call costs no parsing.
 */
export interface Caller {
  /** The ARN a denial names: the user, the account root, or the role session. */
  readonly arn: string;
  readonly partition: string;
  readonly accountId: string;
  /** The account root: may ask about every principal of its account. */
  readonly root: boolean;
  /**
   * Whose stored policies decide what the caller may ask: the user, or for a role session the
   * role (looked up by the role ARN of the claims, path included). Null for the root.
   */
  readonly ref: PrincipalRef | null;
  readonly claims: SessionClaims;
  /** The inline session policy, compiled on first use (null: none; an Error: cannot compile). */
  sessionPolicy?: CompiledPolicy | null | Error;
}

function parsed(arn: string | undefined): PrincipalRef | null {
  try {
    return principalRef(arn);
  } catch {
    return null;
  }
}

/**
 * The caller of authentic claims; null when the claims do not describe a caller this service
 * knows (only a defect of the issuer could seal such claims: the call is refused as unauthentic).
 */
export function callerOfClaims(claims: SessionClaims): Caller | null {
  const identity = parsed(claims.principalArn);
  if (identity === null || identity.account !== claims.accountId) return null;
  if (claims.kind === 'session') {
    if (identity.kind === 'root') {
      return {
        arn: identity.arn,
        partition: identity.partition,
        accountId: identity.account,
        root: true,
        ref: null,
        claims,
      };
    }
    if (identity.kind !== 'user') return null;
    return {
      arn: identity.arn,
      partition: identity.partition,
      accountId: identity.account,
      root: false,
      ref: identity,
      claims,
    };
  }
  // AssumeRole: the session ARN names the role without its path; its policies are the role's.
  const session = parsed(claims.sessionArn);
  if (
    identity.kind !== 'role' ||
    session === null ||
    session.kind !== 'session' ||
    session.account !== identity.account ||
    session.partition !== identity.partition ||
    session.name !== identity.name
  ) {
    return null;
  }
  return {
    arn: session.arn,
    partition: session.partition,
    accountId: session.account,
    root: false,
    ref: { ...session, lookupArn: identity.arn },
    claims,
  };
}
