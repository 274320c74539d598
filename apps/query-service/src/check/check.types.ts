/** The gRPC messages as @grpc/proto-loader hands them over (keepCase, oneofs). */
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
  consistency?: GrpcConsistency;
  explain?: boolean;
}

export interface GrpcMatchedStatement {
  gate: string;
  policy_id: string;
  statement_index: number;
  sid: string;
  effect: string;
  reason: string;
}

export interface GrpcCheckResponse {
  decision: 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';
  matched_statements: GrpcMatchedStatement[];
  evaluated_at: string;
}
