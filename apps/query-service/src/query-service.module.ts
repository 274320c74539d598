import { Module } from '@nestjs/common';
import { BEARER_AUTHENTICATOR_PROVIDER } from './auth/bearer-authenticator.provider';
import { CallerAuthorization } from './auth/caller-authorization';
import { AuthorizationGrpcService } from './authorization.grpc-service';
import { BatchCheckHandler } from './batch-check/batch-check.handler';
import { QueryCache } from './cache/query-cache';
import { CheckHandler } from './check/check.handler';
import { GetEffectivePermissionsHandler } from './get-effective-permissions/get-effective-permissions.handler';
import { PrincipalSessions } from './principal-session/principal-sessions';
import { SimulateCustomPolicyHandler } from './simulate-custom-policy/simulate-custom-policy.handler';
import { SimulatePrincipalPolicyHandler } from './simulate-principal-policy/simulate-principal-policy.handler';

/**
 * The query role: AuthorizationService over gRPC (AuthorizationGrpcService), answered from the
 * cached read models, to callers authenticated by a session token (grpc-options.ts installs the
 * interceptor) and authorized per principal asked about (CallerAuthorization).
 */
@Module({
  providers: [
    AuthorizationGrpcService,
    BEARER_AUTHENTICATOR_PROVIDER,
    CallerAuthorization,
    QueryCache,
    PrincipalSessions,
    CheckHandler,
    BatchCheckHandler,
    SimulatePrincipalPolicyHandler,
    SimulateCustomPolicyHandler,
    GetEffectivePermissionsHandler,
  ],
})
export class QueryServiceModule {}
