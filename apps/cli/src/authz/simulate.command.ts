import { CliInputError, type CliIo } from '../cli-io';
import { parseContextArgument, policyArgument } from './authz-arguments';
import type { AuthzCall } from './authz-call';
import { AUTHZ_EXIT, printMatched, reportError, type MatchedStatement } from './check.command';

export interface SimulateOptions {
  endpoint: string;
  policy?: string[];
  boundary?: string;
  resourcePolicy?: string;
  principal?: string;
  caller?: string;
  action?: string[];
  resource?: string[];
  context?: string[];
  consistency?: string;
  format: 'text' | 'json';
  timeout: number;
  /** The bearer: --session-token, else AWS_SESSION_TOKEN. */
  sessionToken?: string;
}

interface EvaluationResult {
  eval_action_name: string;
  eval_resource_name: string;
  eval_decision: string;
  matched_statements: MatchedStatement[];
  decided_by: string;
  allowed_by_permissions_boundary?: boolean;
}

/**
 * `portcullis simulate`: SimulateCustomPolicy with the documents given (--policy, --boundary,
 * --resource-policy), or SimulatePrincipalPolicy with --principal (a user, group or role's
 * stored policies, plus any --policy).
 */
export async function simulateCommand(
  opts: SimulateOptions,
  io: CliIo,
  call: AuthzCall,
): Promise<number> {
  const actions = opts.action ?? [];
  if (actions.length === 0) throw new CliInputError('simulate needs at least one --action');
  const policies = await Promise.all((opts.policy ?? []).map((p) => policyArgument(p, '--policy')));
  const request: Record<string, unknown> = {
    policy_input_list: policies,
    permissions_boundary_policy_input_list: opts.boundary
      ? [await policyArgument(opts.boundary, '--boundary')]
      : [],
    action_names: actions,
    resource_arns: opts.resource ?? [],
    context_entries: (opts.context ?? []).map((arg) => {
      const { key, value } = parseContextArgument(arg);
      return Array.isArray(value)
        ? { context_key_name: key, context_key_values: value, context_key_type: 'stringList' }
        : { context_key_name: key, context_key_values: [value], context_key_type: 'string' };
    }),
  };
  if (opts.resourcePolicy) {
    request.resource_policy = await policyArgument(opts.resourcePolicy, '--resource-policy');
  }
  if (opts.caller) request.caller_arn = opts.caller;
  let method: 'SimulateCustomPolicy' | 'SimulatePrincipalPolicy' = 'SimulateCustomPolicy';
  if (opts.principal) {
    method = 'SimulatePrincipalPolicy';
    request.policy_source_arn = opts.principal;
    if (opts.consistency) request.consistency = { at_least_as_fresh: opts.consistency };
  } else if (opts.consistency) {
    throw new CliInputError('--consistency applies to stored policies: use it with --principal');
  }
  const outcome = await call<{ evaluation_results: EvaluationResult[]; evaluated_at: string }>(
    opts.endpoint,
    method,
    request,
    opts.timeout,
    opts.sessionToken,
  );
  if (outcome.kind === 'error') return reportError(io, outcome, opts.sessionToken);
  const results = outcome.reply.evaluation_results;
  if (opts.format === 'json') {
    io.out(JSON.stringify(outcome.reply, null, 2));
  } else {
    for (const r of results) {
      const boundary =
        r.allowed_by_permissions_boundary === undefined
          ? ''
          : `, boundary ${r.allowed_by_permissions_boundary ? 'allows' : 'does not allow'}`;
      io.out(
        `${r.eval_decision}  ${r.eval_action_name}  ${r.eval_resource_name}${r.decided_by ? `  (decided by ${r.decided_by}${boundary})` : ''}`,
      );
      printMatched(io, r.matched_statements, '    ');
    }
  }
  return results.every((r) => r.eval_decision === 'ALLOW') ? AUTHZ_EXIT.allowed : AUTHZ_EXIT.denied;
}
