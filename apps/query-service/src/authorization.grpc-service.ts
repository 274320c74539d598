import { Injectable, Logger } from '@nestjs/common';
import type {
  sendUnaryData,
  ServerUnaryCall,
  ServiceError,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { callerOf } from './auth/grpc-authentication';
import type { Caller } from './auth/caller';
import { BatchCheckHandler } from './batch-check/batch-check.handler';
import { CheckHandler } from './check/check.handler';
import { GetEffectivePermissionsHandler } from './get-effective-permissions/get-effective-permissions.handler';
import { deadlineOf } from './shared/deadline';
import { QueryError, statusOf } from './shared/query.errors';
import { SimulateCustomPolicyHandler } from './simulate-custom-policy/simulate-custom-policy.handler';
import { SimulatePrincipalPolicyHandler } from './simulate-principal-policy/simulate-principal-policy.handler';

/** A method: the request, its call (for the deadline) and the caller the interceptor authenticated. */
type Method<Req, Res> = (
  request: Req,
  call: ServerUnaryCall<Req, Res>,
  caller: Caller,
) => Res | Promise<Res>;

/**
 * The process's implementation (one gRPC server per process, as for health checking and the
 * bearer authenticator): set when the query module's providers are created, which is before its
 * gRPC server is started (and before module init hooks run).
 */
let processImplementation: UntypedServiceImplementation | null = null;

/** For grpc-options.ts: AuthorizationService's implementation (a wiring mistake throws). */
export function authorizationServiceImplementation(): UntypedServiceImplementation {
  if (processImplementation === null) {
    throw new Error('AuthorizationService has no implementation: QueryServiceModule is not loaded');
  }
  return processImplementation;
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

  constructor(
    private readonly check: CheckHandler,
    private readonly batchCheck: BatchCheckHandler,
    private readonly simulatePrincipal: SimulatePrincipalPolicyHandler,
    private readonly simulateCustom: SimulateCustomPolicyHandler,
    private readonly effective: GetEffectivePermissionsHandler,
  ) {
    processImplementation = this.implementation();
  }

  implementation(): UntypedServiceImplementation {
    return {
      Check: this.unary((req, call, caller) => this.check.execute(req, deadlineOf(call), caller)),
      BatchCheck: this.unary((req, call, caller) =>
        this.batchCheck.execute(req, deadlineOf(call), caller),
      ),
      SimulatePrincipalPolicy: this.unary((req, call, caller) =>
        this.simulatePrincipal.execute(req, deadlineOf(call), caller),
      ),
      // No stored state: any authenticated caller may.
      SimulateCustomPolicy: this.unary((req) => this.simulateCustom.execute(req)),
      GetEffectivePermissions: this.unary((req, call, caller) =>
        this.effective.execute(req, deadlineOf(call), caller),
      ),
    };
  }

  /** A grpc-js unary handler: the method's reply, or its failure as a gRPC status. */
  private unary<Req, Res>(method: Method<Req, Res>) {
    return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
      const fail = (error: unknown) => callback(this.statusFor(error, call));
      let reply: Res | Promise<Res>;
      try {
        reply = method(call.request, call, callerOf(call.metadata));
      } catch (error) {
        return fail(error);
      }
      if (reply instanceof Promise) reply.then((r) => callback(null, r), fail);
      else callback(null, reply);
    };
  }

  /** Expected failures answer with their status; anything else is INTERNAL, and logged here. */
  private statusFor(
    error: unknown,
    call: ServerUnaryCall<unknown, unknown>,
  ): Partial<ServiceError> {
    if (!(error instanceof QueryError)) {
      this.logger.error(
        `${call.getPath()} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    const { code, message } = statusOf(error);
    return { code, details: message };
  }
}
