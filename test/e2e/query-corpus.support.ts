/**
 * The policy corpus (libs/policy/cases/*.jsonl) through the whole service: each case's principal
 * and policies are set up with IAM commands over HTTP (CreateUser/CreateRole with tags,
 * PutUserPolicy, CreatePolicy + Attach*, groups, Put*PermissionsBoundary), and the request is
 * asked through gRPC Check (the resource policy as CheckRequest.resource_policy), waiting on the
 * consistency token of the last write. The decision must equal the library's.
 *
 * Mapping a case onto a live service:
 * - Every 12-digit account id in a case is replaced by a fresh one (consistently), so each case
 *   has accounts of its own and every case's `alice` is a new user.
 * - Identity policies go in three ways, by case index: inline on the principal; customer managed
 *   policies attached to it; or (users) a group with an inline policy and attached ones.
 * - The service sets the principal's request context keys itself (aws:username, aws:userid,
 *   aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:PrincipalTag/*), as AWS does.
 *   Tags come from the case's aws:PrincipalTag/* values (set with CreateUser/CreateRole). A case's
 *   fixed aws:userid (AIDAEXAMPLE…) stands for the id the service assigned: it is replaced in the
 *   case by the real one. The library is then asked with the context the service builds (the
 *   case's keys minus the principal's, plus the principal's as derived), so the two answer the
 *   same question; where that context differs from the case's own (a case naming a user
 *   `JohnDoe` while asking as alice), the case's `expect` is not the yardstick, and the run says
 *   how many such cases there were.
 * - Session policies go in a session token minted for the principal (the first inline, the others
 *   as customer managed policies it names), passed as Check's `principal_session_token`.
 * - Not representable, hence skipped and counted: SCPs (a Check has none), documents the write
 *   side refuses (IAM's grammar is stricter than the engine's).
 */
import { readFileSync, readdirSync } from 'fs';
import { join, resolve } from 'path';
import {
  compilePolicy,
  evaluate,
  parseCases,
  type ContextValue,
  type Decision,
  type PolicyCase,
  type RequestContext,
} from '@portcullis/policy';
import type { AuthzClient } from '../support/authz-client';
import { callApi, type Credentials } from '../support/test-credentials';

export const CASES_DIR = resolve(__dirname, '../../libs/policy/cases');

export function loadCorpus(files?: string[]): PolicyCase[] {
  const names =
    files ??
    readdirSync(CASES_DIR)
      .filter((f) => f.endsWith('.jsonl'))
      .sort();
  return names.flatMap((f) => parseCases(readFileSync(join(CASES_DIR, f), 'utf8')));
}

export interface CorpusOutcome {
  id: string;
  /** Skipped: why. */
  skipped?: string;
  service?: Decision;
  library?: Decision;
  expected: Decision;
  /** The library's answer with the case's own context (differs from `library` when the
   *  principal keys the service sets change the outcome). */
  libraryAsWritten?: Decision;
  error?: string;
}

const DECISION: Record<string, Decision> = {
  ALLOW: 'Allow',
  EXPLICIT_DENY: 'ExplicitDeny',
  IMPLICIT_DENY: 'ImplicitDeny',
};
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});
const PRINCIPAL_KEYS = [
  'aws:username',
  'aws:userid',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
];
const isPrincipalKey = (k: string) =>
  PRINCIPAL_KEYS.includes(k.toLowerCase()) || k.toLowerCase().startsWith('aws:principaltag/');

class Refused extends Error {}

/** POST /v1/{action} signed as `credentials` (an account's root); answers the reply, or throws
 *  Refused with the error. */
async function command(httpUrl: string, credentials: Credentials, action: string, body: object) {
  const res = await callApi(httpUrl, action, body, { credentials });
  const reply = res.body;
  if (res.status !== 200) {
    const error = reply.Error as { Code?: string; Message?: string } | undefined;
    throw new Refused(`${action}: ${error?.Code ?? res.status} ${error?.Message ?? ''}`.trim());
  }
  return reply;
}

/** The latest offset per partition over several tokens. */
function mergeTokens(tokens: string[]): string {
  const latest = new Map<number, bigint>();
  for (const token of tokens) {
    for (const part of token.split(',').filter(Boolean)) {
      const [p, o] = part.split(':');
      const offset = BigInt(o);
      if ((latest.get(Number(p)) ?? -1n) < offset) latest.set(Number(p), offset);
    }
  }
  return [...latest].map(([p, o]) => `${p}:${o}`).join(',');
}

function grpcContext(context: RequestContext): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [key, value] of Object.entries(context)) {
    if (Array.isArray(value)) out[key] = { list_value: { values: value } };
    else if (typeof value === 'number') out[key] = { number_value: value };
    else if (typeof value === 'boolean') out[key] = { bool_value: value };
    else out[key] = { string_value: value };
  }
  return out;
}

function libraryDecision(c: PolicyCase, context: RequestContext): Decision {
  const p = c.policies;
  return evaluate({
    identity: (p.identity ?? []).map((d, i) => compilePolicy(d, { id: `identity[${i}]` })),
    boundary: p.boundary ? compilePolicy(p.boundary, { id: 'boundary' }) : null,
    resource: p.resource ? compilePolicy(p.resource, { id: 'resource' }) : null,
    session: (p.session ?? []).map((d, i) => compilePolicy(d, { id: `session[${i}]` })),
    request: { ...c.request, context },
  }).decision;
}

/** Rewrites every 12-digit account id of the case into one of its own (index-derived). */
function isolate(c: PolicyCase, index: number, salt: string): PolicyCase {
  const accounts = new Map<string, string>();
  const text = JSON.stringify(c).replace(/(?<!\d)\d{12}(?!\d)/g, (id) => {
    let mapped = accounts.get(id);
    if (mapped === undefined) {
      mapped = `${salt}${String(index * 4 + accounts.size).padStart(12 - salt.length, '0')}`;
      accounts.set(id, mapped);
    }
    return mapped;
  });
  return JSON.parse(text) as PolicyCase;
}

interface Principal {
  kind: 'user' | 'session' | 'root';
  account: string;
  /** User or role name. */
  name: string;
  path: string;
  session?: string;
}

function principalOf(arn: string): Principal | null {
  let m = /^arn:aws:iam::(\d{12}):user(\/(?:.*\/)?)([^/]+)$/.exec(arn);
  if (m) return { kind: 'user', account: m[1], path: m[2], name: m[3] };
  m = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/([^/]+)$/.exec(arn);
  if (m) return { kind: 'session', account: m[1], path: '/', name: m[2], session: m[3] };
  m = /^arn:aws:iam::(\d{12}):root$/.exec(arn);
  if (m) return { kind: 'root', account: m[1], path: '/', name: '' };
  return null;
}

/**
 * Temporary credentials of `accountId`'s root (in tests `mintCredentials(env,
 * 'arn:aws:iam::<acct>:root')`): they sign the case's commands, and their SessionToken is the
 * bearer of its gRPC calls.
 */
export type RootCredentialsFor = (accountId: string) => Credentials & { sessionToken: string };

/** One case through the service. */
async function runCase(
  original: PolicyCase,
  index: number,
  httpUrl: string,
  service: AuthzClient,
  salt: string,
  rootCredentialsFor: RootCredentialsFor,
  sessionTokenFor: SessionTokenFor | undefined,
): Promise<CorpusOutcome> {
  const outcome: CorpusOutcome = { id: original.id, expected: original.expect };
  const p0 = original.policies;
  const hasSession = (p0.session ?? []).length > 0;
  if (hasSession && !sessionTokenFor) return { ...outcome, skipped: 'session policies' };
  if ((p0.scp ?? []).some((level) => level.length > 0) || (p0.scp ?? []).length > 0) {
    return { ...outcome, skipped: 'SCPs' };
  }
  let c = isolate(original, index, salt);
  const asGiven = libraryDecision(original, original.request.context ?? {});
  if (libraryDecision(c, c.request.context ?? {}) !== asGiven) {
    // E.g. a wildcard inside an account id ("11112222333?"): the case is about that account.
    return { ...outcome, skipped: 'giving it accounts of its own changes it' };
  }
  const principal = principalOf(c.request.principal);
  if (principal === null) return { ...outcome, skipped: `principal ${c.request.principal}` };
  if (hasSession && principal.kind === 'root') {
    return { ...outcome, skipped: 'session policies of a root' };
  }
  const context = c.request.context ?? {};
  const tokens: string[] = [];
  const run = async (account: string, action: string, body: object) => {
    const reply = await command(httpUrl, rootCredentialsFor(account), action, body);
    if (typeof reply.ConsistencyToken === 'string') tokens.push(reply.ConsistencyToken);
    return reply;
  };
  const { account, name } = principal;
  // Every case's principal is in an account of its own: ask as that account's root.
  const rootCredentials = rootCredentialsFor(account);
  const authz = service.withToken(rootCredentials.sessionToken);
  try {
    // The principal, and the id the service gave it (standing in for the case's fixed one).
    let realId = '';
    if (principal.kind === 'user') {
      const reply = await run(account, 'CreateUser', { UserName: name, Path: principal.path });
      realId = (reply.User as { UserId: string }).UserId;
    } else if (principal.kind === 'session') {
      const reply = await run(account, 'CreateRole', {
        RoleName: name,
        AssumeRolePolicyDocument: TRUST,
      });
      realId = (reply.Role as { RoleId: string }).RoleId;
    }
    const given = Object.entries(context).find(([k]) => k.toLowerCase() === 'aws:userid')?.[1];
    if (typeof given === 'string' && realId) {
      const placeholder = given.split(':')[0];
      if (/^A(IDA|ROA)[A-Z0-9]+$/.test(placeholder)) {
        c = JSON.parse(JSON.stringify(c).split(placeholder).join(realId)) as PolicyCase;
      }
    }
    // Tags after the id: a tag may hold the (substituted) id.
    const tags = Object.entries(c.request.context ?? {})
      .filter(([k]) => k.toLowerCase().startsWith('aws:principaltag/'))
      .map(([k, v]) => ({ Key: k.slice('aws:PrincipalTag/'.length), Value: String(v) }));
    if (tags.length > 0 && principal.kind !== 'root') {
      await run(account, principal.kind === 'user' ? 'TagUser' : 'TagRole', {
        ...(principal.kind === 'user' ? { UserName: name } : { RoleName: name }),
        Tags: tags,
      });
    }
    const p = c.policies;
    const docs = (p.identity ?? []).map((d) => JSON.stringify(d));
    const entity = principal.kind === 'user' ? 'User' : 'Role';
    const entityKey = principal.kind === 'user' ? { UserName: name } : { RoleName: name };
    const mode = principal.kind === 'root' ? -1 : principal.kind === 'user' ? index % 3 : index % 2;
    if (principal.kind === 'root' && docs.length > 0) {
      // The root has no policies of its own to attach: the case's identity policies would be
      // on nobody. (None of the corpus's root cases has any.)
      return { ...outcome, skipped: 'identity policies on the account root' };
    }
    if (mode === 0) {
      for (let i = 0; i < docs.length; i++) {
        await run(account, `Put${entity}Policy`, {
          ...entityKey,
          PolicyName: `p${i}`,
          PolicyDocument: docs[i],
        });
      }
    } else if (mode === 1) {
      for (let i = 0; i < docs.length; i++) {
        const created = await run(account, 'CreatePolicy', {
          PolicyName: `p${i}`,
          PolicyDocument: docs[i],
        });
        const arn = (created.Policy as { Arn: string }).Arn;
        await run(account, `Attach${entity}Policy`, { ...entityKey, PolicyArn: arn });
      }
    } else if (mode === 2 && docs.length > 0) {
      await run(account, 'CreateGroup', { GroupName: 'g' });
      await run(account, 'AddUserToGroup', { GroupName: 'g', UserName: name });
      await run(account, 'PutGroupPolicy', {
        GroupName: 'g',
        PolicyName: 'p0',
        PolicyDocument: docs[0],
      });
      for (let i = 1; i < docs.length; i++) {
        const created = await run(account, 'CreatePolicy', {
          PolicyName: `p${i}`,
          PolicyDocument: docs[i],
        });
        await run(account, 'AttachGroupPolicy', {
          GroupName: 'g',
          PolicyArn: (created.Policy as { Arn: string }).Arn,
        });
      }
    }
    if (p.boundary) {
      if (principal.kind === 'root') return { ...outcome, skipped: 'boundary on the account root' };
      const created = await run(account, 'CreatePolicy', {
        PolicyName: 'boundary',
        PolicyDocument: JSON.stringify(p.boundary),
      });
      await run(account, `Put${entity}PermissionsBoundary`, {
        ...entityKey,
        PermissionsBoundary: (created.Policy as { Arn: string }).Arn,
      });
    }

    // Session policies: the first inline in the session token, the others customer managed
    // policies of the account named by it (AWS: one inline + up to 10 managed ARNs).
    let sessionToken: string | undefined;
    if (hasSession && sessionTokenFor) {
      const [inline, ...managed] = p.session ?? [];
      const arns: string[] = [];
      for (const [i, doc] of managed.entries()) {
        const created = await run(account, 'CreatePolicy', {
          PolicyName: `session-${i}`,
          PolicyDocument: JSON.stringify(doc),
        });
        arns.push((created.Policy as { Arn: string }).Arn);
      }
      sessionToken = sessionTokenFor(c.request.principal, {
        sessionPolicy: JSON.stringify(inline),
        sessionPolicyArns: arns,
      });
    }

    // The context the service evaluates with: the case's keys, the principal's as derived.
    const effective = await authz.getEffectivePermissions({
      principal_arn: c.request.principal,
      consistency: { at_least_as_fresh: mergeTokens(tokens) },
    });
    const caseContext = c.request.context ?? {};
    const derived: RequestContext = {};
    if (principal.kind === 'user') {
      derived['aws:username'] = name;
      derived['aws:userid'] = realId;
      derived['aws:PrincipalType'] = 'User';
      derived['aws:PrincipalArn'] = effective.principal_arn;
    } else if (principal.kind === 'session') {
      derived['aws:userid'] = `${realId}:${principal.session}`;
      derived['aws:PrincipalType'] = 'AssumedRole';
      derived['aws:PrincipalArn'] = effective.principal_arn;
    } else {
      derived['aws:userid'] = account;
      derived['aws:PrincipalType'] = 'Account';
      derived['aws:PrincipalArn'] = c.request.principal;
    }
    derived['aws:PrincipalAccount'] = account;
    for (const t of tags) derived[`aws:PrincipalTag/${t.Key}`] = t.Value;
    const serviceContext: RequestContext = {};
    for (const [k, v] of Object.entries(caseContext))
      if (!isPrincipalKey(k)) serviceContext[k] = v as ContextValue;
    Object.assign(serviceContext, derived);
    // What a session token adds (the request's own keys win): no MFA, its issue time.
    if (sessionToken !== undefined) {
      const sessionKeys: RequestContext = { 'aws:MultiFactorAuthPresent': false };
      for (const [k, v] of Object.entries(sessionKeys)) {
        if (!Object.keys(caseContext).some((key) => key.toLowerCase() === k.toLowerCase())) {
          serviceContext[k] = v;
        }
      }
    }

    const reply = await authz.check({
      principal_arn: c.request.principal,
      action: c.request.action,
      resource: c.request.resource,
      context: grpcContext(caseContext),
      ...(p.resource ? { resource_policy: JSON.stringify(p.resource) } : {}),
      ...(sessionToken !== undefined ? { principal_session_token: sessionToken } : {}),
      consistency: { at_least_as_fresh: mergeTokens(tokens) },
    });
    if (process.env.CORPUS_DEBUG === original.id) {
      process.stdout.write(
        JSON.stringify({ c, serviceContext, caseContext, reply, realId }, null, 1) + '\n',
      );
    }
    return {
      ...outcome,
      service: DECISION[reply.decision],
      library: libraryDecision(c, serviceContext),
      libraryAsWritten: libraryDecision(c, caseContext),
    };
  } catch (e) {
    if (e instanceof Refused)
      return { ...outcome, skipped: `the write side refuses it (${e.message})` };
    return { ...outcome, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * A SessionToken for `principalArn` carrying the given session policies (tests mint it with the
 * run's key ring): Check's `principal_session_token`, so the case's session policies take part.
 */
export type SessionTokenFor = (
  principalArn: string,
  session: { sessionPolicy: string; sessionPolicyArns: string[] },
) => string;

/**
 * Runs `cases` through the service, `concurrency` at a time (cases have accounts of their own,
 * so they do not interfere). `salt` (a digit or two) keeps the accounts of separate runs apart.
 * Commands and gRPC calls are made as the root of each case's account (`rootCredentialsFor`).
 */
export async function runCorpus(
  cases: readonly PolicyCase[],
  httpUrl: string,
  authz: AuthzClient,
  options: {
    concurrency?: number;
    salt?: string;
    rootCredentialsFor: RootCredentialsFor;
    /** Given: cases with session policies run too, through a session token. */
    sessionTokenFor?: SessionTokenFor;
  },
): Promise<CorpusOutcome[]> {
  const out: CorpusOutcome[] = new Array(cases.length);
  let next = 0;
  const salt = options.salt ?? '9';
  const workers = Array.from({ length: options.concurrency ?? 8 }, async () => {
    while (next < cases.length) {
      const i = next++;
      out[i] = await runCase(
        cases[i],
        i,
        httpUrl,
        authz,
        salt,
        options.rootCredentialsFor,
        options.sessionTokenFor,
      );
    }
  });
  await Promise.all(workers);
  return out;
}

/** Counts for the report, and the disagreements to show. */
export function summarize(outcomes: readonly CorpusOutcome[]) {
  const ran = outcomes.filter((o) => !o.skipped && !o.error);
  const skipped = new Map<string, string[]>();
  for (const o of outcomes) {
    if (!o.skipped) continue;
    const reason = o.skipped.replace(/\(.*\)$/, '(…)');
    skipped.set(reason, [...(skipped.get(reason) ?? []), o.id]);
  }
  return {
    total: outcomes.length,
    ran: ran.length,
    errors: outcomes.filter((o) => o.error),
    disagreeWithLibrary: ran.filter((o) => o.service !== o.library),
    /** Cases where the principal keys the service sets change the case's own outcome. */
    contextDiffers: ran.filter((o) => o.library !== o.libraryAsWritten),
    disagreeWithExpect: ran.filter(
      (o) => o.library === o.libraryAsWritten && o.service !== o.expected,
    ),
    skipped,
  };
}
