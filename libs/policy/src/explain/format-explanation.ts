import type { EvaluationResult } from '../evaluate/evaluate';
import type { AuthorizationRequest, Gate, StatementMatch } from '../types';

const GATE_NAMES: Record<Gate, string> = {
  scp: 'service control policy',
  resource: 'resource-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  identity: 'identity-based policy',
};

/** One sentence saying why the decision came out as it did. */
export function explainDecision(result: EvaluationResult): string {
  const gate = result.decidedBy;
  switch (result.decision) {
    case 'Allow':
      return gate === 'resource'
        ? 'Allowed by the resource-based policy.'
        : `Allowed by an ${GATE_NAMES[gate ?? 'identity']}.`;
    case 'ExplicitDeny':
      return `Explicitly denied by a statement in a ${GATE_NAMES[gate ?? 'identity']}.`;
    case 'ImplicitDeny':
      switch (gate) {
        case 'scp':
          return 'Implicitly denied: a level of service control policies allows nothing here.';
        case 'boundary':
          return 'Implicitly denied: the permissions boundary does not allow the request.';
        case 'session':
          return 'Implicitly denied: the session policies do not allow the request.';
        case 'identity':
          return 'Implicitly denied: cross-account access needs an identity-based Allow too.';
        case 'resource':
          return 'Implicitly denied: cross-account access needs the resource-based policy to allow.';
        default:
          return 'Implicitly denied: no policy allows the request.';
      }
  }
}

function formatMatch(match: StatementMatch): string {
  const sid = match.sid === undefined ? '' : ` (${match.sid})`;
  const index = match.statementIndex < 0 ? '' : ` statement ${match.statementIndex}`;
  return `  [${match.gate}] ${match.policyId}${index}${sid}: ${match.reason}`;
}

/** A multi-line, human-readable account of a decision and every statement that matched. */
export function formatExplanation(
  result: EvaluationResult,
  request?: AuthorizationRequest,
): string {
  const lines: string[] = [];
  if (request !== undefined) {
    lines.push(`${request.principal} → ${request.action} on ${request.resource}`);
  }
  const by = result.decidedBy === null ? '' : ` (decided by ${result.decidedBy})`;
  lines.push(`${result.decision}${by}: ${explainDecision(result)}`);
  if (result.explanation.length === 0) {
    lines.push('  no statement matched');
  } else {
    for (const match of result.explanation) lines.push(formatMatch(match));
  }
  return lines.join('\n');
}
