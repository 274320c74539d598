/**
 * Public types of the policy engine. A `PolicyDocument` is the normalized form produced by
 * `parsePolicy`: `Statement` is always an array and every string-or-array field is an array.
 */

/** Principal element, normalized. `'*'` is the bare wildcard principal (`"Principal": "*"`). */
export type Principal =
  | '*'
  | {
      AWS?: string[];
      Service?: string[];
      Federated?: string[];
      CanonicalUser?: string[];
    };

/** The keys a principal map may carry (AWS, Service, Federated, CanonicalUser). */
export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

/** Condition element: operator → condition key → policy values (always strings after parsing). */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export type Effect = 'Allow' | 'Deny';

export interface Statement {
  Sid?: string;
  Effect: Effect;
  Principal?: Principal;
  NotPrincipal?: Principal;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  /** As written; absent means the AWS default, 2008-10-17 (policy variables are then literal text). */
  Version?: string;
  Id?: string;
  Statement: Statement[];
}

/** A request context value: strings, numbers, booleans, or arrays of strings for multivalued keys. */
export type ContextValue = string | number | boolean | string[];
/** Condition keys (case-insensitive names) and their values. */
export type RequestContext = Record<string, ContextValue>;

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
/** Where a policy sits in the evaluation. */
export type Gate = 'scp' | 'resource' | 'boundary' | 'session' | 'identity';

/** One statement that matched the request (action, resource, principal and conditions all held). */
export interface StatementMatch {
  gate: Gate;
  policyId: string;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  reason: string;
}

export interface AuthorizationRequest {
  /** ARN of the calling principal (or a service / federated / canonical-user principal name). */
  principal: string;
  action: string;
  resource: string;
  context?: RequestContext;
}
