import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { AUTHZ_PROTO_LOADER_OPTIONS, authorizationProtoPath } from '@portcullis/contracts';

import type { AuthzCall, AuthzMethod, AuthzOutcome } from './authz-call';

let service: grpc.ServiceClientConstructor | null = null;

function serviceConstructor(): grpc.ServiceClientConstructor {
  if (service === null) {
    const definition = protoLoader.loadSync(authorizationProtoPath(), AUTHZ_PROTO_LOADER_OPTIONS);
    const pkg = grpc.loadPackageDefinition(definition) as unknown as {
      portcullis: { authz: { v1: { AuthorizationService: grpc.ServiceClientConstructor } } };
    };
    service = pkg.portcullis.authz.v1.AuthorizationService;
  }
  return service;
}

/**
 * A plain gRPC call (insecure channel), authenticated by the session token as
 * `authorization: Bearer <token>` metadata.
 */
export const grpcAuthzCall: AuthzCall = <T>(
  endpoint: string,
  method: AuthzMethod,
  request: object,
  timeoutMs: number,
  sessionToken?: string,
): Promise<AuthzOutcome<T>> => {
  const Service = serviceConstructor();
  const client = new Service(
    endpoint,
    grpc.credentials.createInsecure(),
  ) as unknown as grpc.Client &
    Record<
      AuthzMethod,
      (
        req: object,
        md: grpc.Metadata,
        opts: grpc.CallOptions,
        cb: (e: grpc.ServiceError | null, r: T) => void,
      ) => void
    >;
  const metadata = new grpc.Metadata();
  if (sessionToken) metadata.set('authorization', `Bearer ${sessionToken}`);
  return new Promise((resolve) =>
    client[method](request, metadata, { deadline: Date.now() + timeoutMs }, (e, r) => {
      client.close();
      if (e) {
        resolve({
          kind: 'error',
          code: e.code,
          codeName: grpc.status[e.code] ?? String(e.code),
          message: e.details || e.message,
        });
      } else {
        resolve({ kind: 'ok', reply: r });
      }
    }),
  );
};
