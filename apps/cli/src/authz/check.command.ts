import type { CliIo } from '../cli-io';
import { parseContextArgument, policyArgument } from './authz-arguments';
import type { AuthzCall } from './authz-call';

/** Exit codes of `check` and `simulate`. */
export const AUTHZ_EXIT = {
  /** Allowed (simulate: every result allowed). */
  allowed: 0,
  /** Denied, explicitly or implicitly (simulate: any result). */
  denied: 1,
  /** The command line or the request is malformed (gRPC INVALID_ARGUMENT included). */
  badInput: 2,
  /** No answer: unknown principal, not fresh enough by the deadline, server unreachable. */
  failed: 3,
} as const;

export interface MatchedStatement {
  gate: string;
  policy_id: string;
  statement_index: number;
  sid: string;
  effect: string;
  reason: string;
}

export interface CheckOptions {
  endpoint: string;
  context?: string[];
  resourcePolicy?: string;
  consistency?: string;
  fullyConsistent?: boolean;
  explain?: boolean;
  format: 'text' | 'json';
  timeout: number;
  /** The bearer: --session-token, else AWS_SESSION_TOKEN. */
  sessionToken?: string;
  /** The principal's own SessionToken (CheckRequest.principal_session_token). */
  principalSessionToken?: string;
}

export function printMatched(io: CliIo, matched: readonly MatchedStatement[], indent = '  '): void {
  for (const m of matched) {
    const where = m.statement_index < 0 ? '' : ` statement ${m.statement_index}`;
    const sid = m.sid ? ` (${m.sid})` : '';
    io.out(`${indent}${m.effect} by ${m.gate} policy ${m.policy_id}${where}${sid}: ${m.reason}`);
  }
}

const UNAUTHENTICATED = 16;

/** Reports a failed call; INVALID_ARGUMENT is the user's to fix (exit 2), the rest exit 3. */
export function reportError(
  io: CliIo,
  outcome: { code: number; codeName: string; message: string },
  sessionToken?: string,
): number {
  io.err(`error: ${outcome.codeName}: ${outcome.message}`);
  if (outcome.code === UNAUTHENTICATED && !sessionToken) {
    io.err(
      'hint: set AWS_SESSION_TOKEN or --session-token to the SessionToken of temporary credentials (GetSessionToken or AssumeRole)',
    );
  }
  return outcome.code === 3 ? AUTHZ_EXIT.badInput : AUTHZ_EXIT.failed;
}

/** `portcullis check <principal> <action> <resource>`: one gRPC Check. */
export async function checkCommand(
  principal: string,
  action: string,
  resource: string,
  opts: CheckOptions,
  io: CliIo,
  call: AuthzCall,
): Promise<number> {
  const context: Record<string, object> = {};
  for (const arg of opts.context ?? []) {
    const { key, value } = parseContextArgument(arg);
    context[key] = Array.isArray(value)
      ? { list_value: { values: value } }
      : { string_value: value };
  }
  const request: Record<string, unknown> = {
    principal_arn: principal,
    action,
    resource,
    context,
    explain: !!opts.explain,
  };
  if (opts.resourcePolicy) {
    request.resource_policy = await policyArgument(opts.resourcePolicy, '--resource-policy');
  }
  if (opts.consistency) request.consistency = { at_least_as_fresh: opts.consistency };
  else if (opts.fullyConsistent) request.consistency = { fully_consistent: true };
  if (opts.principalSessionToken) request.principal_session_token = opts.principalSessionToken;
  const outcome = await call<{
    decision: string;
    matched_statements: MatchedStatement[];
    evaluated_at: string;
    decided_by: string;
  }>(opts.endpoint, 'Check', request, opts.timeout, opts.sessionToken);
  if (outcome.kind === 'error') return reportError(io, outcome, opts.sessionToken);
  const reply = outcome.reply;
  if (opts.format === 'json') {
    io.out(JSON.stringify(reply, null, 2));
  } else {
    io.out(`${reply.decision}${reply.decided_by ? ` (decided by ${reply.decided_by})` : ''}`);
    printMatched(io, reply.matched_statements);
    io.out(`evaluated at: ${reply.evaluated_at || '(start of the log)'}`);
  }
  return reply.decision === 'ALLOW' ? AUTHZ_EXIT.allowed : AUTHZ_EXIT.denied;
}
