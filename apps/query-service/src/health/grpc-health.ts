import { HealthImplementation } from 'grpc-health-check';
import { AUTHZ_PROTO_PACKAGE } from '@portcullis/contracts';

/** The service name health checks ask about ('' asks about the server as a whole). */
export const AUTHORIZATION_SERVICE = `${AUTHZ_PROTO_PACKAGE}.AuthorizationService`;

/**
 * grpc.health.v1.Health of this process's gRPC server (one server per process). NOT_SERVING
 * until the query service has started (its cache subscribed to the event log), and again once it
 * shuts down.
 */
export const grpcHealth = new HealthImplementation({
  '': 'NOT_SERVING',
  [AUTHORIZATION_SERVICE]: 'NOT_SERVING',
});

export function setServing(serving: boolean): void {
  const status = serving ? 'SERVING' : 'NOT_SERVING';
  grpcHealth.setStatus('', status);
  grpcHealth.setStatus(AUTHORIZATION_SERVICE, status);
}
