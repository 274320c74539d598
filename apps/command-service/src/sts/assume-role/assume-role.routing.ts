import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@portcullis/contracts';
import type { AuthenticatedCaller } from '../../authentication/authenticated-caller';
import type { CommandGateway } from '../../pipeline/command-gateway.port';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\//;

/** The role's account: where AssumeRole is decided (its writer holds the trust policy). */
export function roleAccountOf(body: unknown): string | undefined {
  const arn = (body as { RoleArn?: unknown } | null)?.RoleArn;
  return typeof arn === 'string' ? ROLE_ARN.exec(arn)?.[1] : undefined;
}

/**
 * Across accounts AWS needs the caller's identity policies to allow `sts:AssumeRole` too, and
 * only the caller's own account's writer holds them: ask it first, and state its yes in the
 * caller context the role account's writer reads (`preAuthorized`). A no, or no answer, states
 * nothing, and the trust policy alone cannot allow.
 */
export async function withCrossAccountIdentity(
  gateway: CommandGateway,
  caller: AuthenticatedCaller,
  body: unknown,
  correlationId: string,
): Promise<CallerContext> {
  const roleArn = (body as { RoleArn?: unknown } | null)?.RoleArn;
  const roleAccount = roleAccountOf(body);
  if (typeof roleArn !== 'string' || !roleAccount || roleAccount === caller.accountId) {
    return caller.context;
  }
  const reply = await gateway.submit({
    commandId: randomUUID(),
    correlationId,
    accountId: caller.accountId,
    actor: caller.actor,
    action: 'CheckCallerPermission',
    input: {
      Action: 'sts:AssumeRole',
      Resource: roleArn,
      Actor: caller.actor,
      Caller: caller.context,
    },
    caller: { authenticatedBy: 'service' },
  });
  const allowed = reply.ok && (reply.output as { Allowed?: unknown }).Allowed === true;
  return allowed
    ? { ...caller.context, preAuthorized: [`sts:AssumeRole ${roleArn}`] }
    : caller.context;
}
