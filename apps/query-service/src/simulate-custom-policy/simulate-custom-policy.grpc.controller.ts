import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
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
  simulateCustomPolicy(req: GrpcSimulateCustomPolicyRequest): GrpcSimulatePolicyResponse {
    try {
      return this.handler.execute(req);
    } catch (e) {
      throw toRpcException(e);
    }
  }
}
