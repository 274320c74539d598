import { Inject, Injectable } from '@nestjs/common';
import { InvalidConsistencyTokenError } from '@portcullis/contracts';
import { evaluate, compilePolicy, ContextValue, RequestContext } from '@portcullis/policy';
import type { EventLog } from '@portcullis/event-log';
import { EVENT_LOG, READ_MODEL_STORE } from '@portcullis/platform';
import type { ReadModelStore } from '@portcullis/read-models';
import type { GrpcCheckRequest, GrpcCheckResponse, GrpcContextValue } from './check.types';
import { CompiledPolicyCache } from './compiled-policy.cache';
import { ProjectionFreshness } from './projection-freshness';

export class InvalidCheckRequestError extends Error {}

const DECISION = {
  Allow: 'ALLOW',
  ExplicitDeny: 'EXPLICIT_DENY',
  ImplicitDeny: 'IMPLICIT_DENY',
} as const;

function contextValue(v: GrpcContextValue): ContextValue | undefined {
  // proto-loader names the member that is set (oneofs: true); trust it over defaults.
  switch (v.kind) {
    case 'list_value':
      return v.list_value?.values ?? [];
    case 'string_value':
      return v.string_value;
    case 'number_value':
      return v.number_value;
    case 'bool_value':
      return v.bool_value;
  }
  if (v.list_value) return v.list_value.values ?? [];
  if (v.string_value !== undefined) return v.string_value;
  if (v.number_value !== undefined) return v.number_value;
  if (v.bool_value !== undefined) return v.bool_value;
  return undefined;
}

/**
 * Answers "may P do A on R?" from the principal's projected policies, after waiting for the
 * freshness the caller asked for.
 */
@Injectable()
export class CheckService {
  private readonly cache = new CompiledPolicyCache();
  private readonly freshness: ProjectionFreshness;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(EVENT_LOG) log: EventLog,
  ) {
    this.freshness = new ProjectionFreshness(store, log);
  }

  private async awaitConsistency(req: GrpcCheckRequest, deadline: number): Promise<void> {
    const c = req.consistency;
    if (c?.fully_consistent) return this.freshness.waitForEnd(deadline);
    if (!c?.at_least_as_fresh) return; // minimize_latency, or nothing asked
    try {
      await this.freshness.waitFor(c.at_least_as_fresh, deadline);
    } catch (e) {
      if (e instanceof InvalidConsistencyTokenError) throw new InvalidCheckRequestError(e.message);
      throw e;
    }
  }

  async check(req: GrpcCheckRequest, deadline: number): Promise<GrpcCheckResponse> {
    if (!req.principal_arn || !req.action || !req.resource) {
      throw new InvalidCheckRequestError('principal_arn, action and resource are required');
    }
    const token = req.consistency?.at_least_as_fresh;
    if (token) {
      try {
        await this.freshness.waitFor(token, deadline);
      } catch (e) {
        if (e instanceof InvalidConsistencyTokenError)
          throw new InvalidCheckRequestError(e.message);
        throw e;
      }
    }
    const evaluatedAt = await this.freshness.current();
    const doc = await this.store.getPrincipal(req.principal_arn);
    const context: RequestContext = {};
    for (const [key, value] of Object.entries(req.context ?? {})) {
      const v = contextValue(value);
      if (v !== undefined) context[key] = v;
    }
    const result = evaluate({
      identity: doc ? this.cache.policiesOf(doc) : [],
      resource: req.resource_policy ? compilePolicy(req.resource_policy, { id: 'resource' }) : null,
      request: {
        principal: req.principal_arn,
        action: req.action,
        resource: req.resource,
        context,
      },
    });
    return {
      decision: DECISION[result.decision],
      matched_statements: req.explain
        ? result.explanation.map((m) => ({
            gate: m.gate,
            policy_id: m.policyId,
            statement_index: m.statementIndex,
            sid: m.sid ?? '',
            effect: m.effect,
            reason: m.reason,
          }))
        : [],
      evaluated_at: evaluatedAt,
    };
  }
}
