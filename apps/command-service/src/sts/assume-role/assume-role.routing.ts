import type { CallerContext } from '@portcullis/contracts';
import type { AuthenticatedCaller } from '../../authentication/authenticated-caller';
import { withCallerAllowance } from '../../authorization/caller-allowance';
import type { CommandGateway } from '../../pipeline/command-gateway.port';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\//;

/** The role's account: where AssumeRole is decided (its writer holds the trust policy). */
export function roleAccountOf(body: unknown): string | undefined {
  const arn = (body as { RoleArn?: unknown } | null)?.RoleArn;
  return typeof arn === 'string' ? ROLE_ARN.exec(arn)?.[1] : undefined;
}

/** AssumeRole of another account's role: the caller's identity side, asked first. */
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
  // Session tags need sts:TagSession, a source identity sts:SetSourceIdentity, allowed too.
  const b = (body ?? {}) as { Tags?: unknown; SourceIdentity?: unknown };
  const actions = ['sts:AssumeRole'];
  if (Array.isArray(b.Tags) && b.Tags.length > 0) actions.push('sts:TagSession');
  if (b.SourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
  const preAuthorized: string[] = [];
  for (const action of actions) {
    const allowed = await withCallerAllowance(gateway, caller, action, roleArn, correlationId);
    preAuthorized.push(...(allowed.preAuthorized ?? []));
  }
  return preAuthorized.length > 0 ? { ...caller.context, preAuthorized } : caller.context;
}
