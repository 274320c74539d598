import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@portcullis/contracts';
import type { AuthenticatedCaller } from '../authentication/authenticated-caller';
import type { CommandGateway } from '../pipeline/command-gateway.port';

/**
 * A request decided by an account whose writer does not hold the caller's identity policies
 * (AssumeRole of another account's role; CreateAccount, decided by the new account's writer):
 * ask the caller's own account's writer whether they allow `action` on `resource`, and state its
 * yes in the caller context (`preAuthorized`, `<action> <resource>`) under the edge's service
 * signature. A no, or no answer, states nothing: the other side alone cannot allow.
 */
export async function withCallerAllowance(
  gateway: CommandGateway,
  caller: AuthenticatedCaller,
  action: string,
  resource: string,
  correlationId: string,
): Promise<CallerContext> {
  const reply = await gateway.submit({
    commandId: randomUUID(),
    correlationId,
    accountId: caller.accountId,
    actor: caller.actor,
    action: 'CheckCallerPermission',
    input: { Action: action, Resource: resource, Actor: caller.actor, Caller: caller.context },
    caller: { authenticatedBy: 'service' },
  });
  const allowed = reply.ok && (reply.output as { Allowed?: unknown }).Allowed === true;
  return allowed ? { ...caller.context, preAuthorized: [`${action} ${resource}`] } : caller.context;
}
