import { Inject, Injectable } from '@nestjs/common';
import type { SessionClaims } from '@portcullis/credentials';
import type { CompiledPolicy, RequestContext } from '@portcullis/policy';
import { BearerAuthenticator } from '../auth/bearer-authenticator';
import { QueryCache } from '../cache/query-cache';
import { InvalidArgumentError, ReadModelUnavailableError } from '../shared/query.errors';
import type { PrincipalRef } from '../shared/request-validation';

/**
 * What a principal's session token adds to a check of that principal (AWS evaluates a request
 * made with temporary credentials with the session's policies and keys). Made once per token:
 * kept with the claims object the sealer's verified-token cache hands out for that token.
 */
export interface PrincipalSession {
  readonly claims: SessionClaims;
  /** The inline session policy, compiled (id `session-policy`); null: none. */
  readonly inline: CompiledPolicy | null;
  /** The session policies when there are no managed ones (undefined: no session policy). */
  readonly only: CompiledPolicy[] | undefined;
  /**
   * `aws:PrincipalTag/<key>` of the session tags: keys of the principal, set over the stored
   * principal's own tags (as AWS does) and not overridable by the request's context.
   */
  readonly tags: RequestContext | null;
  /** The token's keys that do not change with time (see fixedKeys). */
  readonly keys: RequestContext;
  /** A role session's principal to look up, made on first use (see lookup). */
  ref?: PrincipalRef;
}

/** Messages of a principal_session_token refused (INVALID_ARGUMENT): nothing from the token. */
export const PRINCIPAL_SESSION_ERRORS = {
  invalid: (field: string) => `${field} is not a valid session token`,
  expired: (field: string) => `${field} is expired`,
  notThePrincipal: (field: string, principalField: string, arn: string) =>
    `${field} is not a session token of ${principalField} "${arn}"`,
} as const;

/** The ARN a session's token belongs to: a role session's ARN, else the user's (or root's). */
function ownerOf(claims: SessionClaims): string | undefined {
  return claims.kind === 'assumed-role' ? claims.sessionArn : claims.principalArn;
}

/**
 * The keys AWS derives from temporary credentials (IAM User Guide, "AWS global condition context
 * keys"): aws:TokenIssueTime, aws:MultiFactorAuthPresent, aws:SourceIdentity here, and
 * aws:MultiFactorAuthAge (seconds since MFA was verified, as of the check) by withMfaAge. Values
 * of the request's context win over these (they are not keys of the principal).
 */
function fixedKeys(claims: SessionClaims): RequestContext {
  const keys: RequestContext = {
    'aws:TokenIssueTime': new Date(claims.issuedAt).toISOString(),
    'aws:MultiFactorAuthPresent': claims.mfaAuthenticatedAt !== undefined,
  };
  if (claims.sourceIdentity !== undefined) keys['aws:SourceIdentity'] = claims.sourceIdentity;
  return keys;
}

/** `keys` with aws:MultiFactorAuthAge as of `now` when the session has MFA (else `keys` itself). */
function withMfaAge(claims: SessionClaims, keys: RequestContext, now: number): RequestContext {
  if (claims.mfaAuthenticatedAt === undefined) return keys;
  return {
    ...keys,
    'aws:MultiFactorAuthAge': Math.max(0, Math.floor((now - claims.mfaAuthenticatedAt) / 1000)),
  };
}

/**
 * The principal_session_token of a Check, BatchCheck item or SimulatePrincipalPolicy: opened with
 * the process's session-token sealer (the bearer authentication's: same key ring, same cache of
 * verified tokens, so a token seen before costs a map lookup), held to the principal asked about,
 * and turned into session policies and request context keys. Only a request that carries a token
 * comes here: a check without one does no extra work.
 */
@Injectable()
export class PrincipalSessions {
  private readonly sessions = new WeakMap<SessionClaims, PrincipalSession>();

  constructor(
    private readonly tokens: BearerAuthenticator,
    @Inject(QueryCache) private readonly query: Pick<QueryCache, 'compiled' | 'documents'>,
  ) {}

  /**
   * The session of `token`, which must be `principal`'s. Throws InvalidArgumentError: not
   * authentic (forged, tampered, sealed under a key this service does not hold, malformed),
   * expired (judged only once authentic), or another principal's.
   */
  open(
    token: string,
    principal: PrincipalRef,
    field = 'principal_session_token',
    principalField = 'principal_arn',
  ): PrincipalSession {
    const opened = this.tokens.openToken(token);
    if (!opened.ok) {
      throw new InvalidArgumentError(
        opened.code === 'ExpiredToken'
          ? PRINCIPAL_SESSION_ERRORS.expired(field)
          : PRINCIPAL_SESSION_ERRORS.invalid(field),
      );
    }
    const claims = opened.claims;
    if (ownerOf(claims) !== principal.arn) {
      throw new InvalidArgumentError(
        PRINCIPAL_SESSION_ERRORS.notThePrincipal(field, principalField, principal.arn),
      );
    }
    let session = this.sessions.get(claims);
    if (session === undefined) {
      session = this.sessionOf(claims, field);
      this.sessions.set(claims, session);
    }
    return session;
  }

  /**
   * The principal whose stored policies apply: for a role session, its role by the role ARN the
   * token holds, path included (a session ARN has no path, so without a token a role with a
   * path cannot be found from its session's ARN). `ref` is the principal `open` was given.
   */
  lookup(session: PrincipalSession, ref: PrincipalRef): PrincipalRef {
    if (ref.kind !== 'session' || session.claims.principalArn === ref.lookupArn) return ref;
    if (session.ref !== undefined) return session.ref;
    const roleArn = session.claims.principalArn;
    // Authentic claims name the session's role; anything else is a defect of the issuer.
    if (
      !roleArn.startsWith(`arn:${ref.partition}:iam::${ref.account}:role/`) ||
      !roleArn.endsWith(`/${ref.name}`)
    ) {
      throw new InvalidArgumentError(PRINCIPAL_SESSION_ERRORS.invalid('principal_session_token'));
    }
    return (session.ref = { ...ref, lookupArn: roleArn });
  }

  /**
   * The session policies to evaluate (undefined: none): the inline one, then the managed ones
   * (default versions, through the document cache at `notBefore`). A managed session policy the
   * read models do not hold fails the check (UNAVAILABLE) rather than be left out: left out, a
   * Deny it holds would not apply. Synchronous without managed session policies.
   */
  policies(
    session: PrincipalSession,
    notBefore: number,
  ): CompiledPolicy[] | undefined | Promise<CompiledPolicy[]> {
    const arns = session.claims.sessionPolicyArns;
    if (arns === undefined || arns.length === 0) return session.only;
    return this.query.documents.policyEntries(arns, notBefore).then((entries) => {
      const policies: CompiledPolicy[] = session.inline === null ? [] : [session.inline];
      for (let i = 0; i < entries.length; i++) {
        const policy = entries[i].value;
        if (policy === null) {
          throw new ReadModelUnavailableError(
            `the session of ${ownerOf(session.claims)} names managed session policy ${arns[i]}, which the read models do not hold (not projected yet, or deleted since): not evaluated without it`,
          );
        }
        policies.push(this.query.compiled.managedDefault(policy).compiled);
      }
      return policies;
    });
  }

  /**
   * The context of a check with a session: the principal's keys with the session tags over its
   * own (`principal`, which wins over the request's context), and the session's keys as of now
   * (`defaults`, under the request's context).
   */
  context(
    session: PrincipalSession,
    principal: RequestContext,
  ): { principal: RequestContext; defaults: RequestContext } {
    return {
      principal: session.tags === null ? principal : { ...principal, ...session.tags },
      defaults: withMfaAge(session.claims, session.keys, this.tokens.clock()),
    };
  }

  private sessionOf(claims: SessionClaims, field: string): PrincipalSession {
    const inline =
      claims.sessionPolicy !== undefined
        ? this.query.compiled.sessionPolicy(claims.sessionPolicy, field)
        : null;
    let tags: RequestContext | null = null;
    for (const key in claims.sessionTags) {
      (tags ??= {})[`aws:PrincipalTag/${key}`] = claims.sessionTags[key];
    }
    return {
      claims,
      inline,
      only: inline === null ? undefined : [inline],
      tags,
      keys: fixedKeys(claims),
    };
  }
}
