import type { Server, ServiceDefinition } from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { GrpcOptions, Transport } from '@nestjs/microservices';
import {
  AUTHZ_PROTO_LOADER_OPTIONS,
  AUTHZ_PROTO_PACKAGE,
  authorizationProtoPath,
} from '@portcullis/contracts';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { bearerAuthentication } from './auth/grpc-authentication';
import { authorizationServiceImplementation } from './authorization.grpc-service';
import { AUTHORIZATION_SERVICE, grpcHealth } from './health/grpc-health';

const LOADER = AUTHZ_PROTO_LOADER_OPTIONS;

/**
 * The query service's gRPC server: AuthorizationService (bound to its handlers directly, see
 * authorization.grpc-service.ts), plus gRPC health checking and server reflection on the same
 * server, so standard tools (grpcurl, grpc_health_probe, grpcui) can explore it. Used by every deployment that serves gRPC, the embedded one included.
 * Every AuthorizationService call is authenticated by the bearer interceptor before its request
 * is read; health and reflection stay open.
 */
export const grpcOptions = (port: number): GrpcOptions => ({
  transport: Transport.GRPC,
  options: {
    package: AUTHZ_PROTO_PACKAGE,
    protoPath: authorizationProtoPath(),
    url: `0.0.0.0:${port}`,
    loader: LOADER,
    // Channelz bookkeeping costs every call a few microseconds; nothing here reads it.
    // `interceptors` is a grpc-js server option; Nest passes channelOptions to the Server.
    channelOptions: { 'grpc.enable_channelz': 0, interceptors: [bearerAuthentication()] },
    onLoadPackageDefinition: (definition: PackageDefinition, server: Server) => {
      // Nest adds every service of the package with the handlers of its controllers (none for
      // AuthorizationService): this one gets its own implementation instead.
      const add = server.addService.bind(server);
      server.addService = (service, implementation) =>
        add(
          service,
          isAuthorizationService(service) ? authorizationServiceImplementation() : implementation,
        );
      // Reflection describes every service of the server, health checking included.
      const health = loadSync(healthProtoPath, LOADER);
      new ReflectionService({ ...definition, ...health }).addToServer(server);
      grpcHealth.addToServer(server);
    },
  },
});

function isAuthorizationService(service: ServiceDefinition): boolean {
  return Object.values(service).some((method) =>
    method.path.startsWith(`/${AUTHORIZATION_SERVICE}/`),
  );
}
