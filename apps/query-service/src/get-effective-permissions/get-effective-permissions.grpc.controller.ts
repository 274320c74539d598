import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { callerOf } from '../auth/grpc-authentication';
import { deadlineOf } from '../shared/deadline';
import type {
  GrpcGetEffectivePermissionsRequest,
  GrpcGetEffectivePermissionsResponse,
} from '../shared/grpc.types';
import { toRpcException } from '../shared/query.errors';
import { GetEffectivePermissionsHandler } from './get-effective-permissions.handler';

@Controller()
export class GetEffectivePermissionsGrpcController {
  constructor(private readonly handler: GetEffectivePermissionsHandler) {}

  @GrpcMethod('AuthorizationService', 'GetEffectivePermissions')
  async getEffectivePermissions(
    req: GrpcGetEffectivePermissionsRequest,
    metadata: Metadata,
    call: ServerUnaryCall<GrpcGetEffectivePermissionsRequest, GrpcGetEffectivePermissionsResponse>,
  ): Promise<GrpcGetEffectivePermissionsResponse> {
    try {
      return await this.handler.execute(req, deadlineOf(call), callerOf(metadata));
    } catch (e) {
      throw toRpcException(e);
    }
  }
}
