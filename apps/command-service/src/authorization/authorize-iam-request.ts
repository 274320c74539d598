import type { CallerContext } from '@portcullis/contracts';
import {
  evaluate,
  formatExplanation,
  PolicyParseError,
  type AuthorizationRequest,
  type CompiledPolicy,
  type EvaluationResult,
  type RequestContext,
} from '@portcullis/policy';
import { accessDeniedMessage, policyArnOf, type DenialReason } from './access-denied-message';
import { CompiledPolicyCache } from './compiled-policy-cache';
import {
  iamActionFor,
  IamRequestShapeError,
  resolveIamRequest,
  type ResolvedIamRequest,
} from './iam-action-map';
import type { IamDirectory, IamPrincipalPolicies } from './iam-directory.port';

/** One command as the write side received it. */
export interface IamCommandRequest {
  /** The account the command acts on (for CreateAccount: the actor's own account). */
  readonly accountId: string;
  /** The caller's principal ARN: the account root, an IAM user, or a role session
   *  `arn:aws:sts::<acct>:assumed-role/<role>/<session>`. */
  readonly actor: string;
  /** The AWS action name of the command or read (`CreateUser`, `ListUsers`). */
  readonly action: string;
  /** The validated input, with AWS's parameter names. */
  readonly input: object;
  /** How the caller authenticated: the MFA, token, source and transport context keys, and an
   *  assumed-role session's session policy. */
  readonly caller?: CallerContext;
}

export interface AccessDeniedError {
  readonly Code: 'AccessDenied';
  readonly Message: string;
}

export type IamAuthorization =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly error: AccessDeniedError;
      /** For logs, not for the caller: the decision and every statement that matched. */
      readonly explanation: string;
    };

export interface AuthorizeIamOptions {
  /** Compiled policies to reuse; defaults to one cache shared by the process. */
  readonly cache?: CompiledPolicyCache;
}

const ALLOWED: IamAuthorization = Object.freeze({ allowed: true });
const SHARED_CACHE = new CompiledPolicyCache();

/**
 * IAM authorizes IAM: is `actor` allowed to run this command in `accountId`?
 * - The account's root (`arn:aws:iam::<acct>:root`) may do everything in its own account.
 * - A principal of another account (its root included) is denied: IAM users, groups, roles and
 *   policies have no resource-based policies, so nothing can grant cross-account access.
 * - A principal the account does not know (no policy set) is denied.
 * - A role session is evaluated with its role's policies and its session policy, if any (both
 *   must allow).
 * - Otherwise the caller's identity policies (its groups' included) and boundary are evaluated by
 *   libs/policy on the resolved action, resource(s) and request context.
 * Throws IamRequestShapeError for an unmapped action or an input missing a required name:
 * authorize validated commands only.
 */
export function authorizeIamCommand(
  request: IamCommandRequest,
  directory: IamDirectory,
  now: Date,
  options: AuthorizeIamOptions = {},
): IamAuthorization {
  const { accountId, actor, action } = request;
  if (iamActionFor(action) === undefined) {
    throw new IamRequestShapeError(`No IAM action is mapped for ${action}`);
  }
  if (actor === `arn:aws:iam::${accountId}:root`) return ALLOWED;

  const resolved = resolveIamRequest(accountId, action, request.input, directory, actor);
  const caller = parseActor(actor);
  if (caller === undefined) {
    return deny(request, resolved, { kind: 'implicit', gate: 'identity' }, [
      headline(request, resolved),
      `ImplicitDeny: ${actor} is not the ARN of an account root, an IAM user, a role or a role session.`,
    ]);
  }
  if (caller.account !== accountId) {
    return deny(request, resolved, { kind: 'implicit', gate: 'resource' }, [
      headline(request, resolved),
      `ImplicitDeny: ${actor} belongs to account ${caller.account}, the request to account ${accountId}: ` +
        'IAM entities have no resource-based policies, so no other account may act on them.',
    ]);
  }
  if (caller.kind === 'root') return ALLOWED; // same account, written differently (unreachable today)

  // The principal whose policies apply: the user, or the role behind a session.
  let principalArn: string;
  let policies: IamPrincipalPolicies | undefined;
  if (caller.kind === 'session') {
    const role = directory.lookup('role', caller.roleName);
    principalArn = role?.arn ?? `arn:aws:iam::${accountId}:role/${caller.roleName}`;
    policies = role === undefined ? undefined : directory.policiesOf(role.arn);
  } else {
    principalArn = actor;
    policies = directory.policiesOf(actor);
  }
  if (policies === undefined) {
    return deny(request, resolved, { kind: 'implicit', gate: 'identity' }, [
      headline(request, resolved),
      `ImplicitDeny: ${principalArn} does not exist in account ${accountId}, so no policy applies to it.`,
    ]);
  }

  const cache = options.cache ?? SHARED_CACHE;
  let identity: CompiledPolicy[];
  let boundary: CompiledPolicy | null = null;
  const session: CompiledPolicy[] = [];
  try {
    identity = policies.identity.map((p) => cache.compile(p.id, p.document));
    if (policies.boundary !== undefined) {
      boundary = cache.compile(policies.boundary.id, policies.boundary.document);
    }
    const sessionPolicy = caller.kind === 'session' ? request.caller?.sessionPolicy : undefined;
    if (sessionPolicy !== undefined) {
      session.push(cache.compile(`${actor}#session-policy`, sessionPolicy));
    }
  } catch (error) {
    if (!(error instanceof PolicyParseError)) throw error;
    // A stored policy that no longer compiles: fail closed, loudly in the log.
    return deny(request, resolved, { kind: 'implicit', gate: 'identity' }, [
      headline(request, resolved),
      `ImplicitDeny: a policy of ${principalArn} could not be compiled, so the request is denied: ${error.message}`,
    ]);
  }

  const context = principalContext(caller, accountId, principalArn, policies, now);
  Object.assign(context, authenticationContext(request.caller, now), resolved.context);

  for (const resource of resolved.resources) {
    const evaluation: AuthorizationRequest = {
      principal: actor,
      action: resolved.action,
      resource,
      context,
    };
    const result = evaluate({ identity, boundary, session, request: evaluation });
    if (result.decision !== 'Allow') {
      return deny(request, { ...resolved, resource }, denialReason(result), [
        formatExplanation(result, evaluation),
      ]);
    }
  }
  return ALLOWED;
}

/**
 * The request context of `actor` (a user or a role session of `accountId`) as AWS fills it:
 * its principal keys (from its policy set) and the keys of how it authenticated. For checks made
 * outside the IAM action map (STS's AssumeRole evaluating a trust policy).
 */
export function callerRequestContext(
  actor: string,
  accountId: string,
  policies: IamPrincipalPolicies,
  principalArn: string,
  caller: CallerContext | undefined,
  now: Date,
): RequestContext {
  const parsed = parseActor(actor);
  const context: RequestContext =
    parsed === undefined || parsed.kind === 'root'
      ? {}
      : principalContext(parsed, accountId, principalArn, policies, now);
  return Object.assign(context, authenticationContext(caller, now));
}

type Actor =
  | { kind: 'root'; account: string }
  | { kind: 'user' | 'role'; account: string; name: string }
  | { kind: 'session'; account: string; roleName: string; sessionName: string };

const ROOT = /^arn:aws:iam::(\d{12}):root$/;
const IAM_ENTITY = /^arn:aws:iam::(\d{12}):(user|role)\/(?:.*\/)?([\w+=,.@-]+)$/;
const SESSION = /^arn:aws:sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/;

const ACTORS = new Map<string, Actor | undefined>();
const MAX_CACHED_ACTORS = 10_000;

/** Parsed once per distinct actor (a small bounded memo: commands repeat their actors). */
function parseActor(arn: string): Actor | undefined {
  if (ACTORS.has(arn)) return ACTORS.get(arn);
  const actor = parseActorArn(arn);
  if (ACTORS.size >= MAX_CACHED_ACTORS) ACTORS.clear();
  ACTORS.set(arn, actor);
  return actor;
}

function parseActorArn(arn: string): Actor | undefined {
  let m = ROOT.exec(arn);
  if (m !== null) return { kind: 'root', account: m[1] };
  m = IAM_ENTITY.exec(arn);
  if (m !== null) return { kind: m[2] as 'user' | 'role', account: m[1], name: m[3] };
  m = SESSION.exec(arn);
  if (m !== null) return { kind: 'session', account: m[1], roleName: m[2], sessionName: m[3] };
  return undefined;
}

/**
 * The caller's global condition keys (IAM User Guide, "AWS global condition context keys"):
 * aws:PrincipalArn (a session's role ARN), aws:PrincipalAccount, aws:PrincipalType
 * (User | AssumedRole), aws:username (IAM users only), aws:userid (user id, or
 * `<role id>:<session name>`), aws:PrincipalTag/<key>, aws:CurrentTime, aws:EpochTime.
 */
function principalContext(
  caller: Exclude<Actor, { kind: 'root' }>,
  accountId: string,
  principalArn: string,
  policies: IamPrincipalPolicies,
  now: Date,
): RequestContext {
  const epochSeconds = Math.floor(now.getTime() / 1000);
  const context: RequestContext = {
    'aws:PrincipalArn': principalArn,
    'aws:PrincipalAccount': accountId,
    'aws:PrincipalType': caller.kind === 'user' ? 'User' : 'AssumedRole',
    'aws:CurrentTime': currentTime(epochSeconds),
    'aws:EpochTime': epochSeconds,
  };
  if (caller.kind === 'user') {
    context['aws:username'] = policies.name ?? caller.name;
    if (policies.principalId !== undefined) context['aws:userid'] = policies.principalId;
  } else if (caller.kind === 'session') {
    const roleId = policies.principalId ?? caller.roleName;
    context['aws:userid'] = `${roleId}:${caller.sessionName}`;
  } else if (policies.principalId !== undefined) {
    context['aws:userid'] = policies.principalId;
  }
  const tags = policies.tags;
  for (const key of Object.keys(tags)) context[`aws:PrincipalTag/${key}`] = tags[key];
  return context;
}

/**
 * The keys AWS derives from how the request was authenticated (IAM User Guide, "AWS global
 * condition context keys"): aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge (absent for
 * long-term access keys, as in AWS; false / absent for temporary credentials without MFA),
 * aws:TokenIssueTime (temporary credentials), aws:SourceIp, aws:SecureTransport.
 */
function authenticationContext(caller: CallerContext | undefined, now: Date): RequestContext {
  const context: RequestContext = {};
  if (caller === undefined) return context;
  if (caller.authenticatedBy === 'session-token') {
    if (caller.mfaAuthenticatedAt !== undefined) {
      context['aws:MultiFactorAuthPresent'] = true;
      context['aws:MultiFactorAuthAge'] = Math.max(
        0,
        Math.floor((now.getTime() - Date.parse(caller.mfaAuthenticatedAt)) / 1000),
      );
    } else {
      context['aws:MultiFactorAuthPresent'] = false;
    }
    if (caller.tokenIssuedAt !== undefined) {
      context['aws:TokenIssueTime'] = caller.tokenIssuedAt.replace(/\.\d{3}Z$/, 'Z');
    }
  }
  if (caller.sourceIp !== undefined) context['aws:SourceIp'] = caller.sourceIp;
  if (caller.secureTransport !== undefined) context['aws:SecureTransport'] = caller.secureTransport;
  return context;
}

let lastSecond = NaN;
let lastCurrentTime = '';

/** `aws:CurrentTime` as AWS writes it (ISO 8601, whole seconds, UTC), formatted once per second. */
function currentTime(epochSeconds: number): string {
  if (epochSeconds !== lastSecond) {
    lastCurrentTime = new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = epochSeconds;
  }
  return lastCurrentTime;
}

function denialReason(result: EvaluationResult): DenialReason {
  const gate = result.decidedBy ?? 'identity';
  if (result.decision === 'ExplicitDeny') {
    const deny = result.explanation.find((m) => m.effect === 'Deny' && m.gate === gate);
    return { kind: 'explicit', gate, policyArn: deny && policyArnOf(deny.policyId) };
  }
  return { kind: 'implicit', gate };
}

function headline(request: IamCommandRequest, resolved: ResolvedIamRequest): string {
  return `${request.actor} → ${resolved.action} on ${resolved.resources.join(' and ')}`;
}

function deny(
  request: IamCommandRequest,
  resolved: Pick<ResolvedIamRequest, 'action' | 'resource'>,
  reason: DenialReason,
  explanation: string[],
): IamAuthorization {
  return {
    allowed: false,
    error: {
      Code: 'AccessDenied',
      Message: accessDeniedMessage(request.actor, resolved.action, resolved.resource, reason),
    },
    explanation: explanation.join('\n'),
  };
}
