import { Controller } from '@nestjs/common';
import { GrpcMethod, RpcException } from '@nestjs/microservices';
import { status, type Metadata, type ServerUnaryCall } from '@grpc/grpc-js';
import { CheckService, InvalidCheckRequestError } from './check.service';
import type { GrpcCheckRequest, GrpcCheckResponse } from './check.types';
import { StaleProjectionError } from './projection-freshness';

/** Without a client deadline, waiting for freshness is bounded by this. */
const DEFAULT_WAIT_MS = 5_000;

@Controller()
export class CheckGrpcController {
  constructor(private readonly checks: CheckService) {}

  @GrpcMethod('AuthorizationService', 'Check')
  async check(
    req: GrpcCheckRequest,
    _metadata: Metadata,
    call: ServerUnaryCall<GrpcCheckRequest, GrpcCheckResponse>,
  ): Promise<GrpcCheckResponse> {
    const clientDeadline = Number(call.getDeadline());
    const deadline =
      Number.isFinite(clientDeadline) && clientDeadline > 0
        ? clientDeadline
        : Date.now() + DEFAULT_WAIT_MS;
    try {
      return await this.checks.check(req, deadline);
    } catch (e) {
      if (e instanceof InvalidCheckRequestError) {
        throw new RpcException({ code: status.INVALID_ARGUMENT, message: e.message });
      }
      if (e instanceof StaleProjectionError) {
        throw new RpcException({ code: status.DEADLINE_EXCEEDED, message: e.message });
      }
      throw e;
    }
  }
}
