/**
 * The messages of authorization.proto as @grpc/proto-loader hands them over (keepCase, oneofs,
 * enums as strings, defaults). Requests are typed loosely (every field optional): a client may
 * send anything.
 */
export interface GrpcContextValue {
  string_value?: string;
  number_value?: number;
  bool_value?: boolean;
  list_value?: { values?: string[] };
  kind?: 'string_value' | 'number_value' | 'bool_value' | 'list_value';
}

export interface GrpcConsistency {
  minimize_latency?: boolean;
  at_least_as_fresh?: string;
  fully_consistent?: boolean;
  requirement?: 'minimize_latency' | 'at_least_as_fresh' | 'fully_consistent';
}

export interface GrpcCheckRequest {
  principal_arn?: string;
  action?: string;
  resource?: string;
  context?: Record<string, GrpcContextValue>;
  resource_policy?: string;
  consistency?: GrpcConsistency | null;
  explain?: boolean;
  /** The principal's own SessionToken: its session policies and keys take part. */
  principal_session_token?: string;
}

export type GrpcDecision = 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';

export interface GrpcMatchedStatement {
  gate: string;
  policy_id: string;
  statement_index: number;
  sid: string;
  effect: string;
  reason: string;
}

export interface GrpcCheckResponse {
  decision: GrpcDecision;
  matched_statements: GrpcMatchedStatement[];
  evaluated_at: string;
  decided_by: string;
}

export interface GrpcBatchCheckRequest {
  checks?: GrpcCheckRequest[];
  consistency?: GrpcConsistency | null;
}

export interface GrpcCheckError {
  code: number;
  message: string;
}

export type GrpcBatchCheckResult = { response: GrpcCheckResponse } | { error: GrpcCheckError };

export interface GrpcBatchCheckResponse {
  results: GrpcBatchCheckResult[];
  evaluated_at: string;
}

export interface GrpcContextEntry {
  context_key_name?: string;
  context_key_values?: string[];
  context_key_type?: string;
}

export interface GrpcSimulatePrincipalPolicyRequest {
  policy_source_arn?: string;
  policy_input_list?: string[];
  permissions_boundary_policy_input_list?: string[];
  action_names?: string[];
  resource_arns?: string[];
  resource_policy?: string;
  caller_arn?: string;
  context_entries?: GrpcContextEntry[];
  consistency?: GrpcConsistency | null;
  principal_session_token?: string;
}

export interface GrpcSimulateCustomPolicyRequest {
  policy_input_list?: string[];
  permissions_boundary_policy_input_list?: string[];
  resource_policy?: string;
  caller_arn?: string;
  action_names?: string[];
  resource_arns?: string[];
  context_entries?: GrpcContextEntry[];
}

export interface GrpcEvaluationResult {
  eval_action_name: string;
  eval_resource_name: string;
  eval_decision: GrpcDecision;
  matched_statements: GrpcMatchedStatement[];
  decided_by: string;
  allowed_by_permissions_boundary?: boolean;
}

export interface GrpcSimulatePolicyResponse {
  evaluation_results: GrpcEvaluationResult[];
  evaluated_at: string;
}

export interface GrpcGetEffectivePermissionsRequest {
  principal_arn?: string;
  consistency?: GrpcConsistency | null;
}

export interface GrpcEffectivePolicy {
  id: string;
  source: string;
  version: string;
  document: string;
}

export interface GrpcGetEffectivePermissionsResponse {
  principal_arn: string;
  principal_type: string;
  policies: GrpcEffectivePolicy[];
  group_arns: string[];
  account_root: boolean;
  evaluated_at: string;
}
