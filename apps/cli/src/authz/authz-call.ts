/** Where `check` and `simulate` call AuthorizationService by default. */
export const DEFAULT_GRPC_ENDPOINT = '127.0.0.1:50051';

export type AuthzMethod =
  | 'Check'
  | 'BatchCheck'
  | 'SimulatePrincipalPolicy'
  | 'SimulateCustomPolicy'
  | 'GetEffectivePermissions';

/** What a call of AuthorizationService comes back with. */
export type AuthzOutcome<T> =
  { kind: 'ok'; reply: T } | { kind: 'error'; code: number; codeName: string; message: string };

/** Calls one method of AuthorizationService; replaced in specs. */
export type AuthzCall = <T>(
  endpoint: string,
  method: AuthzMethod,
  request: object,
  timeoutMs: number,
) => Promise<AuthzOutcome<T>>;

/** The gRPC call, loaded on first use (grpc-js takes a moment other commands should not pay). */
export const lazyGrpcAuthzCall: AuthzCall = async (endpoint, method, request, timeoutMs) =>
  (await import('./authz-grpc.client')).grpcAuthzCall(endpoint, method, request, timeoutMs);
