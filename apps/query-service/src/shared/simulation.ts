import { evaluate, type CompiledPolicy, type RequestContext } from '@portcullis/policy';
import type { CompiledPolicies } from '../cache/compiled-policies';
import { DECISION, matchedStatements } from './decision';
import type { GrpcEvaluationResult } from './grpc.types';
import { InvalidArgumentError } from './query.errors';
import { validateAction, validateResource } from './request-validation';

/** Bounds of one simulation request. */
export const SIMULATION_LIMITS = {
  policies: 100,
  actions: 1_000,
  resources: 1_000,
  results: 10_000,
};

export interface SimulationInput {
  identity: CompiledPolicy[];
  boundary: CompiledPolicy | null;
  resource: CompiledPolicy | null;
  /** Session policies (a principal_session_token's); undefined: none. */
  session?: CompiledPolicy[];
  /** The caller, matched against Principal in the resource policy. */
  principal: string;
  context: RequestContext;
  actions: readonly string[];
  resources: readonly string[];
}

/** action_names × resource_arns, validated (resource_arns defaults to ["*"], as in AWS). */
export function simulationTargets(
  actionNames: readonly string[] | undefined,
  resourceArns: readonly string[] | undefined,
): { actions: string[]; resources: string[] } {
  const actions = actionNames ?? [];
  const resources = resourceArns && resourceArns.length > 0 ? resourceArns : ['*'];
  if (actions.length === 0) throw new InvalidArgumentError('action_names is required');
  if (actions.length > SIMULATION_LIMITS.actions) {
    throw new InvalidArgumentError(`action_names: at most ${SIMULATION_LIMITS.actions}`);
  }
  if (resources.length > SIMULATION_LIMITS.resources) {
    throw new InvalidArgumentError(`resource_arns: at most ${SIMULATION_LIMITS.resources}`);
  }
  if (actions.length * resources.length > SIMULATION_LIMITS.results) {
    throw new InvalidArgumentError(
      `action_names × resource_arns is ${actions.length * resources.length} results; at most ${SIMULATION_LIMITS.results}`,
    );
  }
  actions.forEach((a, i) => validateAction(a, `action_names[${i}]`));
  resources.forEach((r, i) => validateResource(r, `resource_arns[${i}]`));
  return { actions: [...actions], resources: [...resources] };
}

/**
 * The documents a simulation request carries, compiled, named as AWS names their sources in
 * MatchedStatements: PolicyInputList.<n>, PermissionsBoundaryPolicyInputList.1, ResourcePolicy.
 */
export function compileSimulationInputs(
  compiled: CompiledPolicies,
  req: {
    policy_input_list?: string[];
    permissions_boundary_policy_input_list?: string[];
    resource_policy?: string;
  },
): {
  identity: CompiledPolicy[];
  boundary: CompiledPolicy | null;
  resource: CompiledPolicy | null;
} {
  const inputs = req.policy_input_list ?? [];
  if (inputs.length > SIMULATION_LIMITS.policies) {
    throw new InvalidArgumentError(
      `policy_input_list: at most ${SIMULATION_LIMITS.policies} documents`,
    );
  }
  const boundaries = req.permissions_boundary_policy_input_list ?? [];
  if (boundaries.length > 1) {
    throw new InvalidArgumentError(
      `permissions_boundary_policy_input_list has ${boundaries.length} documents; a principal has at most one permissions boundary`,
    );
  }
  return {
    identity: inputs.map((doc, i) =>
      compiled.fromRequest(doc, `PolicyInputList.${i + 1}`, `policy_input_list[${i}]`),
    ),
    boundary:
      boundaries.length === 1
        ? compiled.fromRequest(
            boundaries[0],
            'PermissionsBoundaryPolicyInputList.1',
            'permissions_boundary_policy_input_list[0]',
          )
        : null,
    resource: req.resource_policy
      ? compiled.fromRequest(req.resource_policy, 'ResourcePolicy', 'resource_policy')
      : null,
  };
}

/** One evaluation per action × resource: actions in order, and for each the resources in order. */
export function simulate(input: SimulationInput): GrpcEvaluationResult[] {
  const results: GrpcEvaluationResult[] = [];
  for (const action of input.actions) {
    for (const resource of input.resources) {
      const result = evaluate({
        identity: input.identity,
        boundary: input.boundary,
        session: input.session,
        resource: input.resource,
        request: { principal: input.principal, action, resource, context: input.context },
      });
      const entry: GrpcEvaluationResult = {
        eval_action_name: action,
        eval_resource_name: resource,
        eval_decision: DECISION[result.decision],
        matched_statements: matchedStatements(result.explanation),
        decided_by: result.decidedBy ?? '',
      };
      if (input.boundary !== null) {
        const boundary = result.explanation.filter((m) => m.gate === 'boundary');
        entry.allowed_by_permissions_boundary =
          boundary.some((m) => m.effect === 'Allow') && !boundary.some((m) => m.effect === 'Deny');
      }
      results.push(entry);
    }
  }
  return results;
}
