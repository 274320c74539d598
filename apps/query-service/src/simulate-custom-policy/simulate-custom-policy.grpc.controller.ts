import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import { callerOf } from '../auth/grpc-authentication';
import type {
  GrpcSimulateCustomPolicyRequest,
  GrpcSimulatePolicyResponse,
} from '../shared/grpc.types';
import { toRpcException } from '../shared/query.errors';
import { SimulateCustomPolicyHandler } from './simulate-custom-policy.handler';

@Controller()
export class SimulateCustomPolicyGrpcController {
  constructor(private readonly handler: SimulateCustomPolicyHandler) {}

  @GrpcMethod('AuthorizationService', 'SimulateCustomPolicy')
  simulateCustomPolicy(
    req: GrpcSimulateCustomPolicyRequest,
    metadata: Metadata,
  ): GrpcSimulatePolicyResponse {
    try {
      // No stored state: any authenticated caller may (the interceptor authenticated it).
      callerOf(metadata);
      return this.handler.execute(req);
    } catch (e) {
      throw toRpcException(e);
    }
  }
}
