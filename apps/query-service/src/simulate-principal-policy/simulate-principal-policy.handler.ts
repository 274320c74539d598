import { Injectable } from '@nestjs/common';
import type { CompiledPolicy, RequestContext } from '@portcullis/policy';
import type { Caller } from '../auth/caller';
import { CallerAuthorization, QUERY_ACTIONS } from '../auth/caller-authorization';
import { QueryCache } from '../cache/query-cache';
import { PrincipalSessions } from '../principal-session/principal-sessions';
import { contextFromEntries } from '../shared/context-entries';
import type {
  GrpcSimulatePolicyResponse,
  GrpcSimulatePrincipalPolicyRequest,
} from '../shared/grpc.types';
import { InvalidArgumentError, PrincipalNotFoundError } from '../shared/query.errors';
import { policySourceRef, principalRef } from '../shared/request-validation';
import { compileSimulationInputs, simulate, simulationTargets } from '../shared/simulation';

/**
 * SimulatePrincipalPolicy: the stored policies of a user, group or role (a role session: its
 * role) at the requested consistency, plus the documents of policy_input_list; a document in
 * permissions_boundary_policy_input_list replaces the stored boundary. The request context
 * starts from the keys derived from the source (as Check sets them) and context_entries override
 * them: a simulation asks "what if". With the source's own session token
 * (principal_session_token), the session's policies take part and its keys join the derived ones.
 * The caller must be allowed `portcullis:Check` on the source (a group's ARN for a group).
 */
@Injectable()
export class SimulatePrincipalPolicyHandler {
  constructor(
    private readonly query: QueryCache,
    private readonly access: CallerAuthorization,
    private readonly sessions: PrincipalSessions,
  ) {}

  async execute(
    req: GrpcSimulatePrincipalPolicyRequest,
    deadline: number,
    caller: Caller,
  ): Promise<GrpcSimulatePolicyResponse> {
    let source = policySourceRef(req.policy_source_arn);
    const simulatedCaller = req.caller_arn ? principalRef(req.caller_arn, 'caller_arn') : null;
    if (source.kind === 'group' && req.resource_policy && simulatedCaller === null) {
      throw new InvalidArgumentError(
        'caller_arn is required with resource_policy when policy_source_arn is a group',
      );
    }
    const { actions, resources } = simulationTargets(req.action_names, req.resource_arns);
    const inputs = compileSimulationInputs(this.query.compiled, req);
    const entries = contextFromEntries(req.context_entries);
    await this.access.authorize(caller, source, QUERY_ACTIONS.check);
    const waited = this.query.consistency(req.consistency, deadline);
    const notBefore = typeof waited === 'number' ? waited : await waited;
    const session = req.principal_session_token
      ? this.sessions.open(
          req.principal_session_token,
          source,
          'principal_session_token',
          'policy_source_arn',
        )
      : null;
    if (session !== null) source = this.sessions.lookup(session, source);

    let stored: CompiledPolicy[];
    let boundary: CompiledPolicy | null = null;
    let derived: RequestContext = {};
    if (source.kind === 'group') {
      const group = await this.query.sets.ofGroup(source.arn, notBefore);
      if (group === null) throw new PrincipalNotFoundError(source.arn);
      stored = group.identity;
    } else {
      const set = await this.query.sets.of(source, notBefore);
      stored = set.identity;
      boundary = set.boundary;
      derived =
        source.kind === 'session'
          ? { ...set.context, 'aws:userid': `${set.principal.principalId}:${source.sessionName}` }
          : set.context;
    }
    let sessionPolicies: CompiledPolicy[] | undefined;
    if (session !== null) {
      sessionPolicies = await this.sessions.policies(session, notBefore);
      const layers = this.sessions.context(session, derived);
      derived = { ...layers.defaults, ...layers.principal };
    }
    return {
      evaluation_results: simulate({
        identity: [...stored, ...inputs.identity],
        boundary: inputs.boundary ?? boundary,
        session: sessionPolicies,
        resource: inputs.resource,
        principal: simulatedCaller?.arn ?? source.arn,
        context: { ...derived, ...entries },
        actions,
        resources,
      }),
      evaluated_at: this.query.coherence.token(),
    };
  }
}
