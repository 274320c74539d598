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

/**
 * Calls one method of AuthorizationService; replaced in specs. `sessionToken`: the SessionToken
 * of temporary credentials, sent as `authorization: Bearer <token>` (the service refuses calls
 * without one).
 */
export type AuthzCall = <T>(
  endpoint: string,
  method: AuthzMethod,
  request: object,
  timeoutMs: number,
  sessionToken?: string,
) => Promise<AuthzOutcome<T>>;

/**
 * The gRPC call, loaded on first use: grpc-js takes ~80 ms to load, which other commands should
 * not pay. `require`, not `import()`: the CLI runs as CommonJS (compiled, or through tsx's require
 * hook), and a dynamic `import()` would bypass tsx and fail on the TypeScript sources.
 */
export const lazyGrpcAuthzCall: AuthzCall = async (
  endpoint,
  method,
  request,
  timeoutMs,
  sessionToken,
) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const client = require('./authz-grpc.client') as typeof import('./authz-grpc.client');
  return client.grpcAuthzCall(endpoint, method, request, timeoutMs, sessionToken);
};
