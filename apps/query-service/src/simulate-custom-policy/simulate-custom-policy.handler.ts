import { Injectable } from '@nestjs/common';
import { QueryCache } from '../cache/query-cache';
import { contextFromEntries } from '../shared/context-entries';
import type {
  GrpcSimulateCustomPolicyRequest,
  GrpcSimulatePolicyResponse,
} from '../shared/grpc.types';
import { InvalidArgumentError } from '../shared/query.errors';
import { arnContext } from '../shared/request-context';
import { principalRef } from '../shared/request-validation';
import { compileSimulationInputs, simulate, simulationTargets } from '../shared/simulation';

/**
 * SimulateCustomPolicy: the documents in the request, no stored state. Unlike AWS it accepts an
 * empty policy list, any principal as caller and documents of either Version. The request
 * context holds what the caller ARN says (aws:username of a user, aws:PrincipalArn,
 * aws:PrincipalAccount, aws:PrincipalType), overridden by context_entries.
 */
@Injectable()
export class SimulateCustomPolicyHandler {
  constructor(private readonly query: QueryCache) {}

  execute(req: GrpcSimulateCustomPolicyRequest): GrpcSimulatePolicyResponse {
    const caller = req.caller_arn ? principalRef(req.caller_arn, 'caller_arn') : null;
    if (req.resource_policy && caller === null) {
      throw new InvalidArgumentError(
        'caller_arn is required with resource_policy: it is matched against the Principal of the resource policy',
      );
    }
    const { actions, resources } = simulationTargets(req.action_names, req.resource_arns);
    const policies = compileSimulationInputs(this.query.compiled, req);
    const context = {
      ...(caller ? arnContext(caller) : {}),
      ...contextFromEntries(req.context_entries),
    };
    return {
      evaluation_results: simulate({
        ...policies,
        principal: caller?.arn ?? '',
        context,
        actions,
        resources,
      }),
      evaluated_at: '',
    };
  }
}
