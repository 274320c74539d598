import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { callerOf } from '../auth/grpc-authentication';
import { deadlineOf } from '../shared/deadline';
import type {
  GrpcSimulatePolicyResponse,
  GrpcSimulatePrincipalPolicyRequest,
} from '../shared/grpc.types';
import { toRpcException } from '../shared/query.errors';
import { SimulatePrincipalPolicyHandler } from './simulate-principal-policy.handler';

@Controller()
export class SimulatePrincipalPolicyGrpcController {
  constructor(private readonly handler: SimulatePrincipalPolicyHandler) {}

  @GrpcMethod('AuthorizationService', 'SimulatePrincipalPolicy')
  async simulatePrincipalPolicy(
    req: GrpcSimulatePrincipalPolicyRequest,
    metadata: Metadata,
    call: ServerUnaryCall<GrpcSimulatePrincipalPolicyRequest, GrpcSimulatePolicyResponse>,
  ): Promise<GrpcSimulatePolicyResponse> {
    try {
      return await this.handler.execute(req, deadlineOf(call), callerOf(metadata));
    } catch (e) {
      throw toRpcException(e);
    }
  }
}
