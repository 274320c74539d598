import type { ContextValue, RequestContext } from '@portcullis/policy';
import type { PrincipalDocument } from '@portcullis/read-models';
import type { GrpcContextValue } from './grpc.types';
import type { PrincipalRef } from './request-validation';

/**
 * Request context keys AWS sets from the authenticated principal (IAM User Guide, "AWS global
 * condition context keys"): a caller of Check cannot supply them, or it could claim another
 * principal's name or tags. Compared lower-cased; aws:PrincipalTag/<key> by prefix.
 */
const PRINCIPAL_KEYS = new Set([
  'aws:username',
  'aws:userid',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
]);
const PRINCIPAL_TAG_PREFIX = 'aws:principaltag/';

export function isPrincipalKey(key: string): boolean {
  const lower = key.toLowerCase();
  return PRINCIPAL_KEYS.has(lower) || lower.startsWith(PRINCIPAL_TAG_PREFIX);
}

/**
 * The keys AWS derives from a principal: aws:username (users), aws:userid (the unique id; for a
 * role session `<role id>:<session name>`, for the root the account id), aws:PrincipalArn (for a
 * role session the role's ARN), aws:PrincipalAccount, aws:PrincipalType (User, AssumedRole,
 * Account) and aws:PrincipalTag/<key> for each of its tags.
 */
export function principalContext(ref: PrincipalRef, doc: PrincipalDocument | null): RequestContext {
  const context: RequestContext = {};
  if (ref.kind === 'root') {
    context['aws:userid'] = ref.account;
    context['aws:PrincipalArn'] = ref.arn;
    context['aws:PrincipalAccount'] = ref.account;
    context['aws:PrincipalType'] = 'Account';
    return context;
  }
  if (doc === null) return context;
  if (doc.principalType === 'user') {
    context['aws:username'] = doc.name;
    context['aws:userid'] = doc.principalId;
    context['aws:PrincipalType'] = 'User';
  } else {
    context['aws:userid'] =
      ref.kind === 'session' ? `${doc.principalId}:${ref.sessionName}` : doc.principalId;
    context['aws:PrincipalType'] = 'AssumedRole';
  }
  context['aws:PrincipalArn'] = doc._id;
  context['aws:PrincipalAccount'] = doc.accountId;
  for (const tag of doc.tags ?? []) context[`aws:PrincipalTag/${tag.Key}`] = tag.Value;
  return context;
}

/**
 * What a principal ARN alone says (SimulateCustomPolicy has no stored principal): the name of a
 * user, the ARN (a session's role ARN without its path, which the session ARN does not carry),
 * the account and the type.
 */
export function arnContext(ref: PrincipalRef): RequestContext {
  if (ref.kind === 'root') return principalContext(ref, null);
  const context: RequestContext = {
    'aws:PrincipalArn': ref.kind === 'session' ? ref.lookupArn : ref.arn,
    'aws:PrincipalAccount': ref.account,
  };
  if (ref.kind === 'user') {
    context['aws:username'] = ref.name;
    context['aws:PrincipalType'] = 'User';
  } else if (ref.kind === 'role' || ref.kind === 'session') {
    context['aws:PrincipalType'] = 'AssumedRole';
  }
  return context;
}

/** A Check's context value as the engine takes it; undefined when no member is set. */
export function contextValue(v: GrpcContextValue | undefined | null): ContextValue | undefined {
  if (!v) return undefined;
  // proto-loader names the member that is set (oneofs: true); trust it over defaults.
  switch (v.kind) {
    case 'list_value':
      return v.list_value?.values ?? [];
    case 'string_value':
      return v.string_value;
    case 'number_value':
      return v.number_value;
    case 'bool_value':
      return v.bool_value;
  }
  if (v.list_value) return v.list_value.values ?? [];
  if (v.string_value !== undefined) return v.string_value;
  if (v.number_value !== undefined) return v.number_value;
  if (v.bool_value !== undefined) return v.bool_value;
  return undefined;
}

/**
 * A Check's request context: the caller's keys, minus those AWS sets from the principal, plus
 * the principal's (which therefore always win). No caller context: the principal's object is
 * used as it is (it is never modified). `defaults` (the keys of a principal's session token)
 * go under the caller's keys: a value the caller gives for one of them wins (key names are
 * case-insensitive; the engine takes the last of two spellings, and the caller's come later).
 */
export function checkContext(
  given: Record<string, GrpcContextValue> | undefined,
  derived: RequestContext,
  defaults?: RequestContext,
): RequestContext {
  if (defaults !== undefined) return layeredContext(given, derived, defaults);
  if (given === undefined) return derived;
  let context: RequestContext | null = null;
  for (const key in given) {
    if (isPrincipalKey(key)) continue;
    const value = contextValue(given[key]);
    if (value === undefined) continue;
    context ??= {};
    context[key] = value;
  }
  if (context === null) return derived;
  for (const key in derived) context[key] = derived[key];
  return context;
}

function layeredContext(
  given: Record<string, GrpcContextValue> | undefined,
  derived: RequestContext,
  defaults: RequestContext,
): RequestContext {
  const context: RequestContext = { ...defaults };
  for (const key in given) {
    if (isPrincipalKey(key)) continue;
    const value = contextValue(given[key]);
    if (value !== undefined) context[key] = value;
  }
  for (const key in derived) context[key] = derived[key];
  return context;
}
