import { Module } from '@nestjs/common';
import { BEARER_AUTHENTICATOR_PROVIDER } from './auth/bearer-authenticator.provider';
import { CallerAuthorization } from './auth/caller-authorization';
import { BatchCheckGrpcController } from './batch-check/batch-check.grpc.controller';
import { BatchCheckHandler } from './batch-check/batch-check.handler';
import { QueryCache } from './cache/query-cache';
import { CheckGrpcController } from './check/check.grpc.controller';
import { CheckHandler } from './check/check.handler';
import { GetEffectivePermissionsGrpcController } from './get-effective-permissions/get-effective-permissions.grpc.controller';
import { GetEffectivePermissionsHandler } from './get-effective-permissions/get-effective-permissions.handler';
import { PrincipalSessions } from './principal-session/principal-sessions';
import { SimulateCustomPolicyGrpcController } from './simulate-custom-policy/simulate-custom-policy.grpc.controller';
import { SimulateCustomPolicyHandler } from './simulate-custom-policy/simulate-custom-policy.handler';
import { SimulatePrincipalPolicyGrpcController } from './simulate-principal-policy/simulate-principal-policy.grpc.controller';
import { SimulatePrincipalPolicyHandler } from './simulate-principal-policy/simulate-principal-policy.handler';

/**
 * The query role: AuthorizationService over gRPC, answered from the cached read models, to
 * callers authenticated by a session token (grpc-options.ts installs the interceptor) and
 * authorized per principal asked about (CallerAuthorization).
 */
@Module({
  controllers: [
    CheckGrpcController,
    BatchCheckGrpcController,
    SimulatePrincipalPolicyGrpcController,
    SimulateCustomPolicyGrpcController,
    GetEffectivePermissionsGrpcController,
  ],
  providers: [
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
