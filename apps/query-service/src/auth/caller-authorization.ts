import { Inject, Injectable } from '@nestjs/common';
import {
  compilePolicy,
  evaluate,
  type CompiledPolicy,
  type EvaluationResult,
  type RequestContext,
} from '@portcullis/policy';
import { QueryCache } from '../cache/query-cache';
import type { EffectivePolicySet } from '../effective-permissions/effective-policy-sets';
import { PermissionDeniedError, PrincipalNotFoundError } from '../shared/query.errors';
import type { PrincipalRef } from '../shared/request-validation';
import type { Caller } from './caller';

/**
 * What a caller asks about a principal. `portcullis:Check` covers Check, BatchCheck and
 * SimulatePrincipalPolicy (decisions, with the statements that matched);
 * `portcullis:GetEffectivePermissions` the policy documents themselves, a separate right so that
 * an enforcement point can be allowed to check without being allowed to read policies.
 */
export const QUERY_ACTIONS = {
  check: 'portcullis:Check',
  getEffectivePermissions: 'portcullis:GetEffectivePermissions',
} as const;
export type QueryAction = (typeof QUERY_ACTIONS)[keyof typeof QUERY_ACTIONS];

/**
 * What one caller may ask, resolved once (a call; a BatchCheck's every item). `assert` throws
 * PermissionDeniedError, decided before anything about the principal asked about is read, so
 * the answer is the same whether it exists or not.
 */
export interface CallerScope {
  assert(target: PrincipalRef): void;
}

function deniedMessage(caller: Caller, action: QueryAction, target: PrincipalRef, why: string) {
  return `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${target.arn}${why}`;
}

const OTHER_ACCOUNT = ' because it is a principal of another account';

/** Another account's principals: nobody may ask (a principal has no resource policy to allow it). */
function assertSameAccount(caller: Caller, action: QueryAction, target: PrincipalRef): void {
  if (target.account !== caller.accountId || target.partition !== caller.partition) {
    throw new PermissionDeniedError(deniedMessage(caller, action, target, OTHER_ACCOUNT));
  }
}

/** AWS's wording for why a request was denied, by the gate that decided. */
function because(result: EvaluationResult, action: QueryAction): string {
  if (result.decision === 'ExplicitDeny') {
    const where =
      result.decidedBy === 'boundary'
        ? 'a permissions boundary'
        : result.decidedBy === 'session'
          ? 'a session policy'
          : 'an identity-based policy';
    return ` with an explicit deny in ${where}`;
  }
  if (result.decidedBy === 'boundary') {
    return ` because no permissions boundary allows the ${action} action`;
  }
  if (result.decidedBy === 'session') {
    return ` because no session policy allows the ${action} action`;
  }
  return ` because no identity-based policy allows the ${action} action`;
}

class RootScope implements CallerScope {
  constructor(
    private readonly caller: Caller,
    private readonly action: QueryAction,
  ) {}
  assert(target: PrincipalRef): void {
    assertSameAccount(this.caller, this.action, target);
  }
}

/** The caller's own principal is gone (deleted since the token was issued): nothing is allowed. */
class NothingScope implements CallerScope {
  constructor(
    private readonly caller: Caller,
    private readonly action: QueryAction,
  ) {}
  assert(target: PrincipalRef): void {
    assertSameAccount(this.caller, this.action, target);
    throw new PermissionDeniedError(deniedMessage(this.caller, this.action, target, ''));
  }
}

/** A user or role session: its identity policies, boundary and session policies decide. */
class PolicyScope implements CallerScope {
  private decided: Map<string, string | null> | null = null;

  constructor(
    private readonly caller: Caller,
    private readonly action: QueryAction,
    private readonly set: EffectivePolicySet,
    private readonly session: CompiledPolicy[] | undefined,
    private readonly context: RequestContext,
  ) {}

  assert(target: PrincipalRef): void {
    assertSameAccount(this.caller, this.action, target);
    let why = this.decided?.get(target.arn);
    if (why === undefined) {
      const result = evaluate({
        identity: this.set.identity,
        boundary: this.set.boundary,
        session: this.session,
        request: {
          principal: this.caller.arn,
          action: this.action,
          resource: target.arn,
          context: this.context,
        },
      });
      why = result.decision === 'Allow' ? null : because(result, this.action);
      (this.decided ??= new Map()).set(target.arn, why);
    }
    if (why !== null) {
      throw new PermissionDeniedError(deniedMessage(this.caller, this.action, target, why));
    }
  }
}

/**
 * May this caller ask about that principal? Only about principals of its own account; there the
 * account root may always, anyone else when its identity policies allow the action on the
 * principal's ARN (limited by its permissions boundary and, for a role session, its session
 * policies): AWS's evaluation of a request `portcullis:Check` on resource `<principal ARN>`.
 * The caller's policy set comes from the same cache as a Check's (minimize_latency), so for a
 * caller that calls often it is composed once and evaluated in microseconds.
 */
@Injectable()
export class CallerAuthorization {
  constructor(
    @Inject(QueryCache)
    private readonly query: Pick<QueryCache, 'sets' | 'compiled' | 'documents'>,
  ) {}

  /**
   * Throws PermissionDeniedError unless `caller` may ask `action` about `target`; a promise
   * only when the caller's own policy set is not cached yet. A root caller costs a comparison.
   */
  authorize(caller: Caller, target: PrincipalRef, action: QueryAction): void | Promise<void> {
    assertSameAccount(caller, action, target);
    if (caller.root) return;
    const scope = this.scope(caller, action);
    if (scope instanceof Promise) return scope.then((s) => s.assert(target));
    scope.assert(target);
  }

  /** What `caller` may ask, for many principals (BatchCheck): resolved once, asserted per item. */
  scope(caller: Caller, action: QueryAction): CallerScope | Promise<CallerScope> {
    if (caller.root) return new RootScope(caller, action);
    let set: EffectivePolicySet | Promise<EffectivePolicySet>;
    try {
      set = this.query.sets.of(caller.ref!, 0);
    } catch (error) {
      return this.unresolved(caller, action, error);
    }
    if (set instanceof Promise) {
      return set.then(
        (s) => this.resolved(caller, action, s),
        (error: unknown) => this.unresolved(caller, action, error),
      );
    }
    return this.resolved(caller, action, set);
  }

  private unresolved(caller: Caller, action: QueryAction, error: unknown): CallerScope {
    if (error instanceof PrincipalNotFoundError) return new NothingScope(caller, action);
    throw error; // the read models cannot be read (UNAVAILABLE): retry
  }

  private resolved(
    caller: Caller,
    action: QueryAction,
    set: EffectivePolicySet,
  ): CallerScope | Promise<CallerScope> {
    const claims = caller.claims;
    const inline = this.inlineSessionPolicy(caller);
    if (inline instanceof Error) return new NothingScope(caller, action);
    const arns = claims.sessionPolicyArns ?? [];
    if (arns.length === 0) {
      const session = inline === null ? undefined : [inline];
      return new PolicyScope(caller, action, set, session, this.context(caller, set));
    }
    return this.query.documents.policyEntries(arns, 0).then((entries) => {
      const session: CompiledPolicy[] = inline === null ? [] : [inline];
      for (const entry of entries) {
        // A session policy that is gone cannot be applied: fail closed.
        if (entry.value === null) return new NothingScope(caller, action);
        session.push(this.query.compiled.managedDefault(entry.value).compiled);
      }
      return new PolicyScope(caller, action, set, session, this.context(caller, set));
    });
  }

  private inlineSessionPolicy(caller: Caller): CompiledPolicy | null | Error {
    if (caller.sessionPolicy !== undefined) return caller.sessionPolicy;
    const text = caller.claims.sessionPolicy;
    let compiled: CompiledPolicy | null | Error = null;
    if (text !== undefined) {
      try {
        compiled = compilePolicy(text, { id: `${caller.arn}#session-policy` });
      } catch (error) {
        // Validated when the session was created: only a defect gets here. Fail closed.
        compiled = error instanceof Error ? error : new Error(String(error));
      }
    }
    caller.sessionPolicy = compiled;
    return compiled;
  }

  /**
   * The request context of the caller's own request: the keys of its principal (as a Check
   * of it would set them), its session tags over its principal tags, and the keys of its
   * temporary credentials.
   */
  private context(caller: Caller, set: EffectivePolicySet): RequestContext {
    const claims = caller.claims;
    const now = Date.now();
    const context: RequestContext = { ...set.context };
    const ref = caller.ref!;
    if (ref.kind === 'session') {
      context['aws:userid'] = `${set.principal.principalId}:${ref.sessionName}`;
    }
    for (const [key, value] of Object.entries(claims.sessionTags ?? {})) {
      context[`aws:PrincipalTag/${key}`] = value;
    }
    context['aws:TokenIssueTime'] = new Date(claims.issuedAt).toISOString();
    context['aws:MultiFactorAuthPresent'] = claims.mfaAuthenticatedAt !== undefined;
    if (claims.mfaAuthenticatedAt !== undefined) {
      context['aws:MultiFactorAuthAge'] = Math.max(
        0,
        Math.floor((now - claims.mfaAuthenticatedAt) / 1000),
      );
    }
    if (claims.sourceIdentity !== undefined) context['aws:SourceIdentity'] = claims.sourceIdentity;
    context['aws:CurrentTime'] = new Date(now).toISOString();
    context['aws:EpochTime'] = Math.floor(now / 1000);
    return context;
  }
}
