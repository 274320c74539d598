import type { Server, ServiceDefinition } from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { Logger } from '@nestjs/common';
import { GrpcOptions, Transport } from '@nestjs/microservices';
import {
  AUTHZ_PROTO_LOADER_OPTIONS,
  AUTHZ_PROTO_PACKAGE,
  authorizationProtoPath,
} from '@portcullis/contracts';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { bearerAuthentication } from './auth/grpc-authentication';
import {
  authorizationServiceImplementation,
  leanAuthorizationMethods,
} from './authorization.grpc-service';
import { answerUnaryOnHttp2, http2ServersOf } from './lean-unary';
import { keepStreamTablesYoung } from './young-stream-tables';
import { AUTHORIZATION_SERVICE, grpcHealth } from './health/grpc-health';

const LOADER = AUTHZ_PROTO_LOADER_OPTIONS;

/**
 * The query service's gRPC server: AuthorizationService (bound to its handlers directly, see
 * authorization.grpc-service.ts), plus gRPC health checking and server reflection on the same
 * server, so standard tools (grpcurl, grpc_health_probe, grpcui) can explore it. Used by every deployment that serves gRPC, the embedded one included.
 * Every AuthorizationService call is authenticated before its request is read: by the bearer
 * interceptor, or for Check and BatchCheck (answered on the HTTP/2 server directly) by the same
 * authenticator in lean-unary.ts's path; health and reflection stay open.
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
      // Nest binds the server before loading the package: Check and BatchCheck are answered on
      // its HTTP/2 server directly from now on (lean-unary.ts).
      answerUnaryOnHttp2(server, leanAuthorizationMethods(definition));
      // Every call's stream passes through its session's tables (young-stream-tables.ts).
      keepStreamTablesYoung(http2ServersOf(server), (m) => new Logger('Http2').warn(m));
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
