import type { CallerContext } from '@portcullis/contracts';
import { compilePolicy, evaluate, PolicyParseError } from '@portcullis/policy';
import { callerRequestContext } from './authorize-iam-request';
import type { IamDirectory } from './iam-directory.port';

const USER_OR_ROLE = /^arn:aws:iam::(\d{12}):(?:user|role)\//;
const RESOURCE_ACCOUNT = /^arn:aws:[\w-]+:[\w-]*:(\d{12}):/;
/** A resource ARN that names another account (not `*`, not an account-less ARN). */
function isOtherAccount(resource: string, accountId: string): boolean {
  const owner = RESOURCE_ACCOUNT.exec(resource)?.[1];
  return owner !== undefined && owner !== accountId;
}

const SESSION = /^arn:aws:sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/;

/**
 * Whether the identity side of `actor` (a user or role session of the directory's account:
 * its identity policies, boundary and session policy) allows `action` on `resource` — the half
 * of a cross-account request that only the caller's own account can answer (AssumeRole of
 * another account's role). Fails closed: unknown principal, root, policy that no longer compiles.
 */
export function identityAllows(
  directory: IamDirectory,
  accountId: string,
  actor: string,
  action: string,
  resource: string,
  caller: CallerContext | undefined,
  now: Date,
): boolean {
  const session = SESSION.exec(actor);
  const actorAccount = session?.[1] ?? USER_OR_ROLE.exec(actor)?.[1];
  if (actorAccount !== accountId) return false;
  const role = session ? directory.lookup('role', session[2]) : undefined;
  const principalArn = session ? role?.arn : actor;
  const policies = principalArn !== undefined ? directory.policiesOf(principalArn) : undefined;
  if (!policies || principalArn === undefined) return false;
  try {
    const result = evaluate({
      identity: policies.identity.map((p) => compilePolicy(p.document, { id: p.id })),
      boundary: policies.boundary
        ? compilePolicy(policies.boundary.document, { id: policies.boundary.id })
        : null,
      session:
        session && caller?.sessionPolicy !== undefined
          ? [compilePolicy(caller.sessionPolicy, { id: 'session-policy' })]
          : [],
      // Across accounts libs/policy wants the resource's side too: that half is decided by the
      // resource's own account, so here it is taken as allowing, and only the identity side counts.
      resource: isOtherAccount(resource, accountId)
        ? compilePolicy(
            {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: resource }],
            },
            { id: 'the resource account’s side (decided there)' },
          )
        : null,
      request: {
        principal: actor,
        action,
        resource,
        context: callerRequestContext(actor, accountId, policies, principalArn, caller, now),
      },
    });
    return result.decision === 'Allow';
  } catch (error) {
    if (error instanceof PolicyParseError) return false;
    throw error;
  }
}
