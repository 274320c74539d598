import { Injectable, Logger } from '@nestjs/common';
import {
  status,
  type sendUnaryData,
  type ServerUnaryCall,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { MethodDefinition, PackageDefinition } from '@grpc/proto-loader';
import { BearerAuthenticator } from './auth/bearer-authenticator';
import { callerOf } from './auth/grpc-authentication';
import type { Caller } from './auth/caller';
import { BatchCheckHandler } from './batch-check/batch-check.handler';
import { checkResponseFrameEncoder } from './check/check-response.encoder';
import { CheckHandler } from './check/check.handler';
import { GetEffectivePermissionsHandler } from './get-effective-permissions/get-effective-permissions.handler';
import { AUTHORIZATION_SERVICE } from './health/grpc-health';
import { framed, type LeanUnaryMethod, type Refusal } from './lean-unary';
import { boundedDeadline, deadlineOf } from './shared/deadline';
import type {
  GrpcBatchCheckRequest,
  GrpcCheckRequest,
  GrpcGetEffectivePermissionsRequest,
  GrpcSimulateCustomPolicyRequest,
  GrpcSimulatePrincipalPolicyRequest,
} from './shared/grpc.types';
import { QueryError, statusOf } from './shared/query.errors';
import { SimulateCustomPolicyHandler } from './simulate-custom-policy/simulate-custom-policy.handler';
import { SimulatePrincipalPolicyHandler } from './simulate-principal-policy/simulate-principal-policy.handler';

/** A method: the request, the call's deadline (bounded) and the caller authenticated. */
type Method = (request: never, deadline: number, caller: Caller) => unknown;

/**
 * The process's service (one gRPC server per process, as for health checking and the bearer
 * authenticator): set when the query module's providers are created, which is before its gRPC
 * server is started (and before module init hooks run).
 */
let processService: AuthorizationGrpcService | null = null;

function useProcessService(service: AuthorizationGrpcService): void {
  processService = service;
}

function created(): AuthorizationGrpcService {
  if (processService === null) {
    throw new Error('AuthorizationService has no implementation: QueryServiceModule is not loaded');
  }
  return processService;
}

/** The methods answered on http2 directly: the hot ones. */
const LEAN_METHODS = ['Check', 'BatchCheck'] as const;

/** For grpc-options.ts: the methods lean-unary.ts answers (a wiring mistake throws). */
export function leanAuthorizationMethods(
  definition: PackageDefinition,
): Map<string, LeanUnaryMethod> {
  return created().leanMethods(definition);
}

/** For grpc-options.ts: AuthorizationService's implementation (a wiring mistake throws). */
export function authorizationServiceImplementation(): UntypedServiceImplementation {
  return created().implementation();
}

/**
 * AuthorizationService bound to its handlers directly on the grpc-js server. Nest's gRPC
 * transport would wrap every call in a copy of the call object, an Observable and several
 * promise hops for its guard/pipe/interceptor/filter pipeline, none of which this service uses;
 * at thousands of checks per second that is CPU and young garbage the tail pays for (bench:check
 * measured p99 at 5,000/s about halved, see docs/decisions.md). Nest still owns the server's
 * lifecycle, health checking and reflection.
 */
@Injectable()
export class AuthorizationGrpcService {
  private readonly logger = new Logger('AuthorizationService');
  /** AuthorizationService's methods by name, each taking its request, deadline and caller. */
  private readonly methods: Record<string, Method>;

  constructor(
    check: CheckHandler,
    batchCheck: BatchCheckHandler,
    simulatePrincipal: SimulatePrincipalPolicyHandler,
    simulateCustom: SimulateCustomPolicyHandler,
    effective: GetEffectivePermissionsHandler,
    private readonly authenticator: BearerAuthenticator,
  ) {
    this.methods = {
      Check: (req: GrpcCheckRequest, deadline, caller) => check.execute(req, deadline, caller),
      BatchCheck: (req: GrpcBatchCheckRequest, deadline, caller) =>
        batchCheck.execute(req, deadline, caller),
      SimulatePrincipalPolicy: (req: GrpcSimulatePrincipalPolicyRequest, deadline, caller) =>
        simulatePrincipal.execute(req, deadline, caller),
      // No stored state: any authenticated caller may.
      SimulateCustomPolicy: (req: GrpcSimulateCustomPolicyRequest) => simulateCustom.execute(req),
      GetEffectivePermissions: (req: GrpcGetEffectivePermissionsRequest, deadline, caller) =>
        effective.execute(req, deadline, caller),
    };
    useProcessService(this);
  }

  /** For grpc-js: every method, after the bearer interceptor authenticated the call. */
  implementation(): UntypedServiceImplementation {
    const implementation: UntypedServiceImplementation = {};
    for (const [name, method] of Object.entries(this.methods)) {
      implementation[name] = (
        call: ServerUnaryCall<unknown, unknown>,
        callback: sendUnaryData<unknown>,
      ): void => {
        const fail = (error: unknown) => {
          const { code, details } = this.failure(error, call.getPath());
          callback({ code, details });
        };
        let reply: unknown;
        try {
          reply = method(call.request as never, deadlineOf(call), callerOf(call.metadata));
        } catch (error) {
          return fail(error);
        }
        if (reply instanceof Promise) reply.then((r: unknown) => callback(null, r), fail);
        else callback(null, reply);
      };
    }
    return implementation;
  }

  /**
   * For lean-unary.ts: the hot methods (Check, BatchCheck) answered on http2 directly, with the
   * same authentication as the interceptor's (before the request is read).
   */
  leanMethods(definition: PackageDefinition): Map<string, LeanUnaryMethod> {
    const service = definition[AUTHORIZATION_SERVICE] as Record<
      string,
      MethodDefinition<unknown, unknown>
    >;
    const lean = new Map<string, LeanUnaryMethod>();
    for (const name of LEAN_METHODS) {
      const codec = service[name];
      const method = this.methods[name];
      lean.set(codec.path, {
        deserialize: (bytes) => codec.requestDeserialize(bytes),
        serialize:
          name === 'Check'
            ? checkResponseFrameEncoder(definition, (reply) => codec.responseSerialize(reply))
            : (reply) => framed(codec.responseSerialize(reply)),
        authenticate: (authorization) => {
          const outcome = this.authenticator.authenticate(
            authorization === undefined ? [] : [authorization],
          );
          return typeof outcome === 'string'
            ? { code: status.UNAUTHENTICATED, details: outcome }
            : { caller: outcome };
        },
        answer: (request, caller, deadline) =>
          method(request as never, boundedDeadline(deadline), caller as Caller),
        failure: (error, path) => this.failure(error, path),
      });
    }
    return lean;
  }

  /** Expected failures answer with their status; anything else is INTERNAL, and logged here. */
  private failure(error: unknown, path: string): Refusal {
    if (!(error instanceof QueryError)) {
      this.logger.error(
        `${path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    const { code, message } = statusOf(error);
    return { code, details: message };
  }
}
