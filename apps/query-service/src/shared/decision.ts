import type { Decision, StatementMatch } from '@portcullis/policy';
import type { GrpcDecision, GrpcMatchedStatement } from './grpc.types';

export const DECISION: Record<Decision, GrpcDecision> = {
  Allow: 'ALLOW',
  ExplicitDeny: 'EXPLICIT_DENY',
  ImplicitDeny: 'IMPLICIT_DENY',
};

export function matchedStatements(explanation: readonly StatementMatch[]): GrpcMatchedStatement[] {
  return explanation.map((m) => ({
    gate: m.gate,
    policy_id: m.policyId,
    statement_index: m.statementIndex,
    sid: m.sid ?? '',
    effect: m.effect,
    reason: m.reason,
  }));
}
