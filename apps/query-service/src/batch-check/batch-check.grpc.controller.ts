import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { callerOf } from '../auth/grpc-authentication';
import { deadlineOf } from '../shared/deadline';
import type { GrpcBatchCheckRequest, GrpcBatchCheckResponse } from '../shared/grpc.types';
import { toRpcException } from '../shared/query.errors';
import { BatchCheckHandler } from './batch-check.handler';

@Controller()
export class BatchCheckGrpcController {
  constructor(private readonly handler: BatchCheckHandler) {}

  @GrpcMethod('AuthorizationService', 'BatchCheck')
  async batchCheck(
    req: GrpcBatchCheckRequest,
    metadata: Metadata,
    call: ServerUnaryCall<GrpcBatchCheckRequest, GrpcBatchCheckResponse>,
  ): Promise<GrpcBatchCheckResponse> {
    try {
      return await this.handler.execute(req, deadlineOf(call), callerOf(metadata));
    } catch (e) {
      throw toRpcException(e);
    }
  }
}
