import { ARN_PARTS, arnPartBounds } from '../compile/arn';
import type { CompiledPolicy } from '../compile/compile-policy';
import {
  CALLER_NAME,
  CALLER_ROOT,
  REACH_ACCOUNT,
  REACH_DIRECT,
  REACH_NONE,
  REACH_ROLE,
  callerOf,
  type Caller,
  type Reach,
} from '../compile/principals';
import type { AuthorizationRequest, Decision, Gate, StatementMatch } from '../types';
import { RequestScope } from './request-scope';

export interface EvaluationInput {
  /** Identity-based policies of the principal (its own, its groups'). */
  identity?: CompiledPolicy[];
  /** The resource-based policy of the requested resource. */
  resource?: CompiledPolicy | null;
  /** The principal's permissions boundary. */
  boundary?: CompiledPolicy | null;
  /** Session policies; when non-empty they must allow too. */
  session?: CompiledPolicy[];
  /** SCP levels, outermost first; every non-empty level must allow. */
  scp?: CompiledPolicy[][];
  request: AuthorizationRequest;
}

export interface EvaluationResult {
  decision: Decision;
  /** The gate that decided: the gate of an explicit deny, the gate that granted, the gate that
   *  failed to allow; null for an implicit deny where nothing allowed at all. */
  decidedBy: Gate | null;
  /** Every statement that matched the request (Allow and Deny), in evaluation order. */
  explanation: StatementMatch[];
}

/** Explanation entry for the account root user's implicit full access to its own account. */
export const ROOT_USER_MATCH: StatementMatch = Object.freeze({
  gate: 'identity',
  policyId: 'aws:root-user',
  statementIndex: -1,
  effect: 'Allow',
  reason: 'The account root user has full access to resources in its own account',
});

const ALLOW = 1;
const DENY = 2;

const RESOURCE_BOUNDS = new Int32Array(ARN_PARTS + 1);

/**
 * Evaluate a request with AWS's policy evaluation logic:
 * 1. An explicit Deny in any policy (SCP, resource, boundary, session, identity) wins.
 * 2. Every non-empty SCP level must allow.
 * 3. Same account: an identity-policy Allow (then the boundary and session policies, where
 *    present, must allow too) or a resource-policy Allow naming the principal; how far the latter
 *    reaches depends on whom it names (user / role-session ARN: not limited by boundary or session
 *    policies; role ARN or wildcard: limited by both; the account alone: not a grant).
 * 4. Cross account (the resource ARN names another account): both the identity side and the
 *    resource policy must allow.
 * Allocation per request: the result, the explanation array and its entries' references; nothing
 * per statement.
 */
export function evaluate(input: EvaluationInput): EvaluationResult {
  const request = input.request;
  const action = request.action.toLowerCase();
  const colon = action.indexOf(':');
  const service = colon < 0 ? '' : action.slice(0, colon);
  const resource = request.resource;
  const scope = new RequestScope(request.context);
  const caller = callerOf(request.principal);
  const explanation: StatementMatch[] = [];
  let denyGate: Gate | null = null;

  // SCPs: every non-empty level must allow.
  let scpAllows = true;
  const scp = input.scp;
  if (scp !== undefined) {
    for (let l = 0; l < scp.length; l++) {
      const level = scp[l];
      if (level.length === 0) continue;
      let levelFlags = 0;
      for (let p = 0; p < level.length; p++) {
        levelFlags |= evaluatePolicy(
          level[p],
          'scp',
          action,
          service,
          resource,
          scope,
          explanation,
        );
      }
      if ((levelFlags & DENY) !== 0 && denyGate === null) denyGate = 'scp';
      if ((levelFlags & ALLOW) === 0) scpAllows = false;
    }
  }

  // Resource-based policy: principal matching decides how far an Allow reaches.
  let reach: Reach = REACH_NONE;
  const resourcePolicy = input.resource;
  if (resourcePolicy !== undefined && resourcePolicy !== null) {
    const hasBoundary = input.boundary !== undefined && input.boundary !== null;
    const statements = resourcePolicy.candidates(service);
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i];
      const principals = statement.principals;
      if (principals === null) continue; // a resource policy statement must name principals
      let statementReach: Reach;
      if (statement.notPrincipal) {
        if (statement.isDeny) {
          // AWS: a Deny with NotPrincipal always denies principals that have a permissions
          // boundary, whatever NotPrincipal lists (access_policies_boundaries).
          if (!hasBoundary && principals.exempts(caller)) continue;
          statementReach = REACH_ROLE;
        } else {
          if (principals.reach(caller) !== REACH_NONE) continue;
          statementReach = REACH_ROLE;
        }
      } else {
        statementReach = principals.reach(caller);
        if (statementReach === REACH_NONE) continue;
      }
      if (!statement.applies(action, service, resource, scope)) continue;
      explanation.push(statement.matchIn('resource'));
      if (statement.isDeny) {
        if (denyGate === null) denyGate = 'resource';
      } else if (statementReach > reach) {
        reach = statementReach;
      }
    }
  }

  // Permissions boundary.
  let boundaryAllows = true;
  const boundary = input.boundary;
  if (boundary !== undefined && boundary !== null) {
    const flags = evaluatePolicy(
      boundary,
      'boundary',
      action,
      service,
      resource,
      scope,
      explanation,
    );
    if ((flags & DENY) !== 0 && denyGate === null) denyGate = 'boundary';
    boundaryAllows = (flags & ALLOW) !== 0;
  }

  // Session policies.
  let sessionAllows = true;
  const session = input.session;
  if (session !== undefined && session.length > 0) {
    let flags = 0;
    for (let p = 0; p < session.length; p++) {
      flags |= evaluatePolicy(session[p], 'session', action, service, resource, scope, explanation);
    }
    if ((flags & DENY) !== 0 && denyGate === null) denyGate = 'session';
    sessionAllows = (flags & ALLOW) !== 0;
  }

  // Identity-based policies.
  const sameAccount = isSameAccount(caller, resource);
  let identityAllows = false;
  if (caller.kind === CALLER_ROOT && sameAccount) {
    identityAllows = true;
    explanation.push(ROOT_USER_MATCH);
  }
  const identity = input.identity;
  if (identity !== undefined) {
    let flags = 0;
    for (let p = 0; p < identity.length; p++) {
      flags |= evaluatePolicy(
        identity[p],
        'identity',
        action,
        service,
        resource,
        scope,
        explanation,
      );
    }
    if ((flags & DENY) !== 0 && denyGate === null) denyGate = 'identity';
    if ((flags & ALLOW) !== 0) identityAllows = true;
  }

  if (denyGate !== null) return { decision: 'ExplicitDeny', decidedBy: denyGate, explanation };
  if (!scpAllows) return { decision: 'ImplicitDeny', decidedBy: 'scp', explanation };

  const limitsHold = boundaryAllows && sessionAllows;
  const identityGrants = identityAllows && limitsHold;
  const limitingGate: Gate | null = boundaryAllows
    ? sessionAllows
      ? null
      : 'session'
    : 'boundary';

  if (sameAccount) {
    if (identityGrants) return { decision: 'Allow', decidedBy: 'identity', explanation };
    if (reach === REACH_DIRECT || (reach === REACH_ROLE && limitsHold)) {
      return { decision: 'Allow', decidedBy: 'resource', explanation };
    }
    const blocked = identityAllows || reach === REACH_ROLE;
    return { decision: 'ImplicitDeny', decidedBy: blocked ? limitingGate : null, explanation };
  }

  // Cross-account: the identity side and the resource policy must both allow.
  const resourceGrants = reach >= REACH_ACCOUNT;
  if (identityGrants && resourceGrants) {
    return { decision: 'Allow', decidedBy: 'resource', explanation };
  }
  let decidedBy: Gate | null = null;
  if (identityGrants) decidedBy = 'resource';
  else if (identityAllows) decidedBy = limitingGate;
  else if (resourceGrants) decidedBy = 'identity';
  return { decision: 'ImplicitDeny', decidedBy, explanation };
}

/** Evaluate one non-resource policy; returns ALLOW/DENY flags of the statements that matched. */
function evaluatePolicy(
  policy: CompiledPolicy,
  gate: Gate,
  action: string,
  service: string,
  resource: string,
  scope: RequestScope,
  explanation: StatementMatch[],
): number {
  const statements = policy.candidates(service);
  let flags = 0;
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i];
    if (!statement.applies(action, service, resource, scope)) continue;
    flags |= statement.isDeny ? DENY : ALLOW;
    explanation.push(statement.matchIn(gate));
  }
  return flags;
}

/**
 * Whether the resource belongs to the caller's account. Only a 12-digit account id in the
 * resource ARN makes a request cross-account: ARNs without an account (S3), with `aws` (AWS-owned
 * resources such as managed policies) or requests on `*` count as the caller's own; so do callers
 * with no account (services).
 */
function isSameAccount(caller: Caller, resource: string): boolean {
  if (caller.kind === CALLER_NAME || caller.account === '') return true;
  if (!arnPartBounds(resource, RESOURCE_BOUNDS)) return true;
  const start = RESOURCE_BOUNDS[4];
  const end = RESOURCE_BOUNDS[5] - 1;
  if (end - start !== 12) return true;
  for (let i = start; i < end; i++) {
    const c = resource.charCodeAt(i);
    if (c < 48 || c > 57) return true;
  }
  return resource.startsWith(caller.account, start);
}
