import { GrpcOptions, Transport } from '@nestjs/microservices';
import { AUTHZ_PROTO_PACKAGE, authorizationProtoPath } from '@portcullis/contracts';

export const grpcOptions = (port: number): GrpcOptions => ({
  transport: Transport.GRPC,
  options: {
    package: AUTHZ_PROTO_PACKAGE,
    protoPath: authorizationProtoPath(),
    url: `0.0.0.0:${port}`,
    loader: { keepCase: true, oneofs: true, enums: String, defaults: true, longs: String },
  },
});
