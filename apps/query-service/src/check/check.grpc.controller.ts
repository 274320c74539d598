import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { callerOf } from '../auth/grpc-authentication';
import { deadlineOf } from '../shared/deadline';
import type { GrpcCheckRequest, GrpcCheckResponse } from '../shared/grpc.types';
import { toRpcException } from '../shared/query.errors';
import { CheckHandler } from './check.handler';

@Controller()
export class CheckGrpcController {
  constructor(private readonly handler: CheckHandler) {}

  @GrpcMethod('AuthorizationService', 'Check')
  async check(
    req: GrpcCheckRequest,
    metadata: Metadata,
    call: ServerUnaryCall<GrpcCheckRequest, GrpcCheckResponse>,
  ): Promise<GrpcCheckResponse> {
    try {
      return await this.handler.execute(req, deadlineOf(call), callerOf(metadata));
    } catch (e) {
      throw toRpcException(e);
    }
  }
}
