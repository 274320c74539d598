import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { authorizationProtoPath } from '@portcullis/contracts';

export interface CheckReply {
  decision: 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';
  matched_statements: {
    gate: string;
    policy_id: string;
    statement_index: number;
    sid: string;
    effect: string;
    reason: string;
  }[];
  evaluated_at: string;
}

type Unary = (
  req: object,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (e: grpc.ServiceError | null, r: CheckReply) => void,
) => void;

/** A plain gRPC client, generated from the proto at run time as any consumer would. */
export class AuthzClient {
  private readonly client: grpc.Client & { Check: Unary };

  constructor(address: string) {
    const definition = protoLoader.loadSync(authorizationProtoPath(), {
      keepCase: true,
      oneofs: true,
      enums: String,
      defaults: true,
      longs: String,
    });
    const pkg = grpc.loadPackageDefinition(definition) as unknown as {
      portcullis: { authz: { v1: { AuthorizationService: grpc.ServiceClientConstructor } } };
    };
    const Service = pkg.portcullis.authz.v1.AuthorizationService;
    this.client = new Service(
      address,
      grpc.credentials.createInsecure(),
    ) as unknown as grpc.Client & { Check: Unary };
  }

  check(request: object, deadlineMs = 10_000): Promise<CheckReply> {
    return new Promise((resolve, reject) =>
      this.client.Check(
        request,
        new grpc.Metadata(),
        { deadline: Date.now() + deadlineMs },
        (e, r) => (e ? reject(e) : resolve(r)),
      ),
    );
  }

  close(): void {
    this.client.close();
  }
}
