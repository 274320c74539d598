import { Injectable } from '@nestjs/common';
import { evaluate, type CompiledPolicy, type RequestContext } from '@portcullis/policy';
import type { Caller } from '../auth/caller';
import { CallerAuthorization, QUERY_ACTIONS } from '../auth/caller-authorization';
import { QueryCache } from '../cache/query-cache';
import type { EffectivePolicySet } from '../effective-permissions/effective-policy-sets';
import { PrincipalSessions, type PrincipalSession } from '../principal-session/principal-sessions';
import { DECISION, matchedStatements } from '../shared/decision';
import type { GrpcCheckRequest, GrpcCheckResponse } from '../shared/grpc.types';
import { checkContext, principalContext } from '../shared/request-context';
import {
  principalRef,
  validateAction,
  validateResource,
  type PrincipalRef,
} from '../shared/request-validation';

const NONE: never[] = [];

/**
 * Check: may principal P perform action A on resource R? Identity policies (own, attached, the
 * groups'), the permissions boundary and an optional resource policy, evaluated with
 * libs/policy; the principal's request context keys are set from the principal. With P's own
 * session token (principal_session_token), the session's policies and keys too. The caller must
 * be allowed `portcullis:Check` on P (decided before P is looked up, and before the token is
 * opened).
 */
@Injectable()
export class CheckHandler {
  constructor(
    private readonly query: QueryCache,
    private readonly access: CallerAuthorization,
    private readonly sessions: PrincipalSessions,
  ) {}

  /**
   * Synchronous when the caller's and the principal's policy sets are cached and no freshness
   * is awaited (the common case): no promise and no microtask on the hot path. Failures are
   * thrown then, rejected otherwise.
   */
  execute(
    req: GrpcCheckRequest,
    deadline: number,
    caller: Caller,
  ): GrpcCheckResponse | Promise<GrpcCheckResponse> {
    const prepared = this.prepare(req);
    const allowed = this.access.authorize(caller, prepared.ref, QUERY_ACTIONS.check);
    if (allowed !== undefined) return allowed.then(() => this.atFreshness(req, prepared, deadline));
    return this.atFreshness(req, prepared, deadline);
  }

  /** The check once the caller is authorized: at the freshness it asks for, then decided. */
  private atFreshness(
    req: GrpcCheckRequest,
    prepared: { ref: PrincipalRef; resourcePolicy: CompiledPolicy | null },
    deadline: number,
  ): GrpcCheckResponse | Promise<GrpcCheckResponse> {
    const waited = this.query.consistency(req.consistency, deadline);
    if (typeof waited === 'number') return this.decide(req, prepared, waited);
    return waited.then((notBefore) => this.decide(req, prepared, notBefore));
  }

  /** Validates a request: throws InvalidArgumentError (the reason in its message). */
  prepare(req: GrpcCheckRequest): { ref: PrincipalRef; resourcePolicy: CompiledPolicy | null } {
    const ref = principalRef(req.principal_arn);
    validateAction(req.action);
    validateResource(req.resource);
    const resourcePolicy = req.resource_policy
      ? this.query.compiled.fromRequest(req.resource_policy, 'resource', 'resource_policy')
      : null;
    return { ref, resourcePolicy };
  }

  /**
   * A prepared check at a freshness already reached; synchronous when the principal's policy
   * set is cached (the common case), so a batch of hits allocates no promise.
   */
  decide(
    req: GrpcCheckRequest,
    prepared: { ref: PrincipalRef; resourcePolicy: CompiledPolicy | null },
    notBefore: number,
  ): GrpcCheckResponse | Promise<GrpcCheckResponse> {
    if (req.principal_session_token) return this.decideSession(req, prepared, notBefore);
    const { ref, resourcePolicy } = prepared;
    if (ref.kind === 'root') return this.evaluate(req, ref, null, resourcePolicy);
    const set = this.query.sets.of(ref, notBefore);
    if (set instanceof Promise) {
      return set.then((s) => this.evaluate(req, ref, s, resourcePolicy));
    }
    return this.evaluate(req, ref, set, resourcePolicy);
  }

  /**
   * A check with the principal's session token: throws InvalidArgumentError (synchronously) for
   * a token that is not authentic, has expired or is another principal's; then the principal's
   * set and the session's policies (a promise only for what is not cached, or for managed
   * session policies).
   */
  private decideSession(
    req: GrpcCheckRequest,
    prepared: { ref: PrincipalRef; resourcePolicy: CompiledPolicy | null },
    notBefore: number,
  ): GrpcCheckResponse | Promise<GrpcCheckResponse> {
    const session = this.sessions.open(req.principal_session_token!, prepared.ref);
    const ref = this.sessions.lookup(session, prepared.ref);
    const resourcePolicy = prepared.resourcePolicy;
    const withPolicies = (set: EffectivePolicySet | null) => {
      const policies = this.sessions.policies(session, notBefore);
      if (policies instanceof Promise) {
        return policies.then((p) => this.evaluate(req, ref, set, resourcePolicy, session, p));
      }
      return this.evaluate(req, ref, set, resourcePolicy, session, policies);
    };
    if (ref.kind === 'root') return withPolicies(null);
    const set = this.query.sets.of(ref, notBefore);
    return set instanceof Promise ? set.then(withPolicies) : withPolicies(set);
  }

  private evaluate(
    req: GrpcCheckRequest,
    ref: PrincipalRef,
    set: EffectivePolicySet | null,
    resourcePolicy: CompiledPolicy | null,
    session?: PrincipalSession,
    sessionPolicies?: CompiledPolicy[],
  ): GrpcCheckResponse {
    let derived: RequestContext;
    if (set === null) derived = principalContext(ref, null);
    else if (ref.kind === 'session') {
      derived = { ...set.context, 'aws:userid': `${set.principal.principalId}:${ref.sessionName}` };
    } else derived = set.context;
    let context: RequestContext;
    if (session === undefined) context = checkContext(req.context, derived);
    else {
      const layers = this.sessions.context(session, derived);
      context = checkContext(req.context, layers.principal, layers.defaults);
    }
    const result = evaluate({
      identity: set === null ? NONE : set.identity,
      boundary: set === null ? null : set.boundary,
      session: sessionPolicies,
      resource: resourcePolicy,
      request: {
        principal: ref.arn,
        action: req.action!,
        resource: req.resource!,
        context,
      },
    });
    return {
      decision: DECISION[result.decision],
      matched_statements: req.explain ? matchedStatements(result.explanation) : NONE,
      evaluated_at: this.query.coherence.token(),
      decided_by: result.decidedBy ?? '',
    };
  }
}
