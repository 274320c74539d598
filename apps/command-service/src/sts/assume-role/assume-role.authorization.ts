import type { CallerContext } from '@portcullis/contracts';
import type { RoleView } from '@portcullis/domain';
import {
  compilePolicy,
  evaluate,
  PolicyParseError,
  type CompiledPolicy,
  type RequestContext,
} from '@portcullis/policy';
import { callerRequestContext, type IamDirectory } from '../../authorization';
import type { IamPrincipalPolicies } from '../../authorization/iam-directory.port';
import type { AssumeRoleInput } from './assume-role.command';

const USER_OR_ROLE = /^arn:aws:iam::(\d{12}):(?:user|role)\//;
const SESSION = /^arn:aws:sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/;

/**
 * Whether `actor` may assume `role` (of `roleAccountId`, whose directory is given): the role's
 * trust policy is the resource-based policy of the request `sts:AssumeRole` on the role's ARN,
 * evaluated by libs/policy with the caller's identity side, as AWS does: in the same account the
 * trust policy naming the caller (or the caller's identity policies, when the trust policy names
 * the account) may allow; across accounts both must. The account root cannot assume roles.
 *
 * The caller's identity side across accounts is held by the caller's own account's writer: the
 * edge asks it first and states the answer in the caller context (`preAuthorized`), which a
 * service signature vouches for; without it, a cross-account caller has no identity allowance.
 */
export function authorizeAssumeRole(
  role: RoleView,
  actor: string,
  roleAccountId: string,
  directory: IamDirectory,
  caller: CallerContext | undefined,
  input: AssumeRoleInput,
  now: Date,
): boolean {
  const session = SESSION.exec(actor);
  const actorAccount = session?.[1] ?? USER_OR_ROLE.exec(actor)?.[1];
  if (actorAccount === undefined) return false; // the root, or not a principal at all

  let identity: CompiledPolicy[] = [];
  let boundary: CompiledPolicy | null = null;
  const sessionPolicies: CompiledPolicy[] = [];
  let context: RequestContext;
  try {
    if (caller?.sessionPolicy !== undefined && session) {
      sessionPolicies.push(compilePolicy(caller.sessionPolicy, { id: 'session-policy' }));
    }
    if (actorAccount === roleAccountId) {
      const resolved = principalPoliciesOf(actor, session?.[2], directory);
      if (!resolved) return false;
      identity = resolved.policies.identity.map((p) => compilePolicy(p.document, { id: p.id }));
      if (resolved.policies.boundary !== undefined) {
        boundary = compilePolicy(resolved.policies.boundary.document, {
          id: resolved.policies.boundary.id,
        });
      }
      context = callerRequestContext(
        actor,
        actorAccount,
        resolved.policies,
        resolved.principalArn,
        caller,
        now,
      );
    } else {
      // The actions the caller's own account said its identity policies allow on this role.
      const vouched = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'].filter((a) =>
        caller?.preAuthorized?.includes(`${a} ${role.arn}`),
      );
      if (vouched.length > 0) {
        identity = [
          compilePolicy(
            {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: vouched, Resource: role.arn }],
            },
            { id: `identity policies of ${actor} (checked by account ${actorAccount})` },
          ),
        ];
      }
      context = callerRequestContext(actor, actorAccount, NO_POLICIES, actor, caller, now);
      context['aws:PrincipalArn'] = actor;
      context['aws:PrincipalAccount'] = actorAccount;
    }
  } catch (error) {
    if (error instanceof PolicyParseError) return false; // a stored policy no longer compiles: fail closed
    throw error;
  }
  let trust: CompiledPolicy;
  try {
    trust = compilePolicy(role.assumeRolePolicyDocument, { id: `${role.arn}#trust-policy` });
  } catch (error) {
    if (error instanceof PolicyParseError) return false;
    throw error;
  }
  Object.assign(context, requestKeys(input));
  // Session tags need sts:TagSession, a source identity sts:SetSourceIdentity, from the same
  // policies (AWS).
  const actions = ['sts:AssumeRole'];
  if (input.tags.length > 0) actions.push('sts:TagSession');
  if (input.sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
  return actions.every(
    (action) =>
      evaluate({
        identity,
        boundary,
        session: sessionPolicies,
        resource: trust,
        request: { principal: actor, action, resource: role.arn, context },
      }).decision === 'Allow',
  );
}

const NO_POLICIES: IamPrincipalPolicies = { identity: [], tags: {} };

function principalPoliciesOf(
  actor: string,
  sessionRoleName: string | undefined,
  directory: IamDirectory,
): { policies: IamPrincipalPolicies; principalArn: string } | undefined {
  if (sessionRoleName === undefined) {
    const policies = directory.policiesOf(actor);
    return policies && { policies, principalArn: actor };
  }
  const role = directory.lookup('role', sessionRoleName);
  const policies = role && directory.policiesOf(role.arn);
  return policies && role && { policies, principalArn: role.arn };
}

/** The keys AssumeRole's own parameters put in the context of the trust policy. */
function requestKeys(input: AssumeRoleInput): RequestContext {
  const keys: RequestContext = { 'sts:RoleSessionName': input.roleSessionName };
  if (input.externalId !== undefined) keys['sts:ExternalId'] = input.externalId;
  if (input.sourceIdentity !== undefined) keys['sts:SourceIdentity'] = input.sourceIdentity;
  if (input.tags.length > 0) {
    for (const tag of input.tags) keys[`aws:RequestTag/${tag.Key}`] = tag.Value;
    keys['aws:TagKeys'] = input.tags.map((t) => t.Key);
  }
  return keys;
}
