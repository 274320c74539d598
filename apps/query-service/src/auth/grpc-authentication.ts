import {
  ServerInterceptingCall,
  status,
  type Metadata,
  type ServerInterceptingCallInterface,
  type ServerInterceptor,
  type ServerMethodDefinition,
} from '@grpc/grpc-js';
import { AUTHZ_PROTO_PACKAGE } from '@portcullis/contracts';
import { UnauthenticatedError } from '../shared/query.errors';
import { UNAUTHENTICATED_MESSAGES, type BearerAuthenticator } from './bearer-authenticator';
import type { Caller } from './caller';

/** Every method of AuthorizationService needs a caller; health and reflection do not. */
const PROTECTED_PREFIX = `/${AUTHZ_PROTO_PACKAGE}.AuthorizationService/`;

/**
 * The process's authenticator (one gRPC server per process, as for health checking): set by
 * the query service's module when it is created, which is before its gRPC server is built.
 */
let processAuthenticator: BearerAuthenticator | null = null;

export function useBearerAuthenticator(authenticator: BearerAuthenticator | null): void {
  processAuthenticator = authenticator;
}

/** The caller the interceptor authenticated, by the call's metadata object (which it passes on). */
const callers = new WeakMap<Metadata, Caller>();

/**
 * The server interceptor that authenticates every AuthorizationService call grpc-js serves
 * before its request is read: `authorization: Bearer <SessionToken>`, else UNAUTHENTICATED and
 * the handler never runs (nor is the request message deserialized). A method added to the
 * service later is covered without anything to remember. Check and BatchCheck never reach
 * grpc-js: lean-unary.ts authenticates them with the same authenticator, also before reading.
 * gRPC health checking and server reflection pass untouched (standard tooling; no tenant data).
 */
export function bearerAuthentication(
  authenticator: () => BearerAuthenticator | null = () => processAuthenticator,
): ServerInterceptor {
  return (
    method: ServerMethodDefinition<unknown, unknown>,
    call: ServerInterceptingCallInterface,
  ) => {
    if (!method.path.startsWith(PROTECTED_PREFIX)) return new ServerInterceptingCall(call);
    return new ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, proceed) => {
            const auth = authenticator();
            if (auth === null) {
              call.sendStatus({
                code: status.UNAVAILABLE,
                details: 'the query service is not started',
              });
              return;
            }
            const outcome = auth.authenticate(metadata.get('authorization'));
            if (typeof outcome === 'string') {
              call.sendStatus({ code: status.UNAUTHENTICATED, details: outcome });
              return;
            }
            callers.set(metadata, outcome);
            proceed(metadata);
          },
        }),
    });
  };
}

/**
 * For the service's methods: the caller of this call. A call the interceptor did not authenticate (it
 * cannot reach a handler; this is the guard against wiring mistakes) is refused.
 */
export function callerOf(metadata: Metadata): Caller {
  const caller = callers.get(metadata);
  if (caller === undefined) throw new UnauthenticatedError(UNAUTHENTICATED_MESSAGES.missing);
  return caller;
}
