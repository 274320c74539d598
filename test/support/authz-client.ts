import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { AUTHZ_PROTO_LOADER_OPTIONS, authorizationProtoPath } from '@portcullis/contracts';

export type DecisionName = 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';

export interface MatchedStatementReply {
  gate: string;
  policy_id: string;
  statement_index: number;
  sid: string;
  effect: string;
  reason: string;
}

export interface CheckReply {
  decision: DecisionName;
  matched_statements: MatchedStatementReply[];
  evaluated_at: string;
  decided_by: string;
}

export interface BatchCheckReply {
  results: (
    | { outcome: 'response'; response: CheckReply }
    | { outcome: 'error'; error: { code: number; message: string } }
  )[];
  evaluated_at: string;
}

export interface EvaluationResultReply {
  eval_action_name: string;
  eval_resource_name: string;
  eval_decision: DecisionName;
  matched_statements: MatchedStatementReply[];
  decided_by: string;
  allowed_by_permissions_boundary?: boolean;
}

export interface SimulatePolicyReply {
  evaluation_results: EvaluationResultReply[];
  evaluated_at: string;
}

export interface EffectivePermissionsReply {
  principal_arn: string;
  principal_type: string;
  policies: { id: string; source: string; version: string; document: string }[];
  group_arns: string[];
  account_root: boolean;
  evaluated_at: string;
}

type Unary = (
  req: object,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (e: grpc.ServiceError | null, r: unknown) => void,
) => void;

type Methods =
  | 'Check'
  | 'BatchCheck'
  | 'SimulatePrincipalPolicy'
  | 'SimulateCustomPolicy'
  | 'GetEffectivePermissions';

export const AUTHZ_LOADER_OPTIONS: protoLoader.Options = AUTHZ_PROTO_LOADER_OPTIONS;

export interface AuthzClientOptions {
  /**
   * The SessionToken of temporary credentials (GetSessionToken, AssumeRole; in tests
   * `mintCredentials(env, arn).sessionToken`), sent on every call as
   * `authorization: Bearer <token>`. Without one, calls go unauthenticated.
   */
  token?: string;
  /** The `authorization` metadata as given (to send malformed ones); overrides `token`. */
  authorization?: string;
}

/** A plain gRPC client, generated from the proto at run time as any consumer would. */
export class AuthzClient {
  private readonly client: grpc.Client & Record<Methods, Unary>;
  private readonly metadata: grpc.Metadata;

  /** `shared`: the connection of another client (withToken). */
  constructor(
    readonly address: string,
    options: AuthzClientOptions = {},
    shared?: grpc.Client & Record<Methods, Unary>,
  ) {
    this.metadata = new grpc.Metadata();
    const authorization =
      options.authorization ??
      (options.token !== undefined ? `Bearer ${options.token}` : undefined);
    if (authorization !== undefined) this.metadata.set('authorization', authorization);
    if (shared) {
      this.client = shared;
      return;
    }
    const definition = protoLoader.loadSync(authorizationProtoPath(), AUTHZ_LOADER_OPTIONS);
    const pkg = grpc.loadPackageDefinition(definition) as unknown as {
      portcullis: { authz: { v1: { AuthorizationService: grpc.ServiceClientConstructor } } };
    };
    const Service = pkg.portcullis.authz.v1.AuthorizationService;
    this.client = new Service(
      address,
      grpc.credentials.createInsecure(),
    ) as unknown as grpc.Client & Record<Methods, Unary>;
  }

  /**
   * A client on the same connection that sends `token` as its bearer (undefined: none).
   * Closing either closes the connection of both.
   */
  withToken(token: string | undefined): AuthzClient {
    return this.withOptions({ token });
  }

  /** A client on the same connection with other options (e.g. a malformed `authorization`). */
  withOptions(options: AuthzClientOptions): AuthzClient {
    return new AuthzClient(this.address, options, this.client);
  }

  private call<T>(method: Methods, request: object, deadlineMs: number): Promise<T> {
    return new Promise((resolve, reject) =>
      this.client[method](
        request,
        this.metadata.clone(),
        { deadline: Date.now() + deadlineMs },
        (e, r) => (e ? reject(e) : resolve(r as T)),
      ),
    );
  }

  check(request: object, deadlineMs = 10_000): Promise<CheckReply> {
    return this.call('Check', request, deadlineMs);
  }

  batchCheck(request: object, deadlineMs = 10_000): Promise<BatchCheckReply> {
    return this.call('BatchCheck', request, deadlineMs);
  }

  simulatePrincipalPolicy(request: object, deadlineMs = 10_000): Promise<SimulatePolicyReply> {
    return this.call('SimulatePrincipalPolicy', request, deadlineMs);
  }

  simulateCustomPolicy(request: object, deadlineMs = 10_000): Promise<SimulatePolicyReply> {
    return this.call('SimulateCustomPolicy', request, deadlineMs);
  }

  getEffectivePermissions(
    request: object,
    deadlineMs = 10_000,
  ): Promise<EffectivePermissionsReply> {
    return this.call('GetEffectivePermissions', request, deadlineMs);
  }

  close(): void {
    this.client.close();
  }
}

function loadAt(file: string, includeDirs: string[] = []) {
  return grpc.loadPackageDefinition(
    protoLoader.loadSync(file, { ...AUTHZ_LOADER_OPTIONS, includeDirs }),
  ) as unknown as Record<
    string,
    Record<string, Record<string, Record<string, grpc.ServiceClientConstructor>>>
  >;
}

/** grpc.health.v1.Health/Check, as grpc_health_probe asks it. */
export function grpcHealthStatus(address: string, service = ''): Promise<string> {
  const Health = loadAt(healthProtoPath).grpc.health.v1
    .Health as unknown as grpc.ServiceClientConstructor;
  const client = new Health(
    address,
    grpc.credentials.createInsecure(),
  ) as unknown as grpc.Client & {
    Check: (
      req: object,
      opts: grpc.CallOptions,
      cb: (e: grpc.ServiceError | null, r: { status: string }) => void,
    ) => void;
  };
  return new Promise((resolve, reject) =>
    client.Check({ service }, { deadline: Date.now() + 5000 }, (e, r) => {
      client.close();
      return e ? reject(e) : resolve(r.status);
    }),
  );
}

/** The services a server lists through server reflection (grpc.reflection.v1), as grpcurl asks. */
export function reflectedServices(address: string): Promise<string[]> {
  const file = require.resolve('@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto');
  const Reflection = loadAt(file).grpc.reflection.v1
    .ServerReflection as unknown as grpc.ServiceClientConstructor;
  const client = new Reflection(
    address,
    grpc.credentials.createInsecure(),
  ) as unknown as grpc.Client & {
    ServerReflectionInfo: () => grpc.ClientDuplexStream<
      object,
      { list_services_response?: { service: { name: string }[] } }
    >;
  };
  return new Promise((resolve, reject) => {
    const call = client.ServerReflectionInfo();
    call.on('data', (r) => {
      resolve((r.list_services_response?.service ?? []).map((s: { name: string }) => s.name));
      call.end();
      client.close();
    });
    call.on('error', reject);
    call.write({ list_services: '' });
  });
}
