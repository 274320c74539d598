import type { Principal } from '../types';

/** What kind of principal made the request (parsed once per distinct principal string, cached). */
export const CALLER_USER = 0;
export const CALLER_ROLE = 1;
export const CALLER_SESSION = 2;
export const CALLER_FEDERATED_USER = 3;
export const CALLER_ROOT = 4;
export const CALLER_OTHER_ARN = 5;
/** Not an ARN: a service principal, a federated identity provider, a canonical user id. */
export const CALLER_NAME = 6;
export type CallerKind = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface Caller {
  readonly principal: string;
  readonly lower: string;
  readonly kind: CallerKind;
  /** Account id, '' when the principal carries none. */
  readonly account: string;
  /** `account|roleName` for roles and role sessions, '' otherwise. */
  readonly roleKey: string;
  /** Role name for roles and role sessions (path excluded), '' otherwise. */
  readonly roleName: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const CALLERS = new Map<string, Caller>();
// Sized for a query service checking tens of thousands of principals (~300 bytes each): a cache
// smaller than the working set is cleared over and over and parses on every call.
const MAX_CACHED_CALLERS = 65_536;

export function callerOf(principal: string): Caller {
  let caller = CALLERS.get(principal);
  if (caller === undefined) {
    caller = parseCaller(principal);
    if (CALLERS.size >= MAX_CACHED_CALLERS) CALLERS.clear();
    CALLERS.set(principal, caller);
  }
  return caller;
}

export function parseCaller(principal: string): Caller {
  const base = {
    principal,
    lower: principal.toLowerCase(),
    account: '',
    roleKey: '',
    roleName: '',
  };
  if (ACCOUNT_ID.test(principal)) return { ...base, kind: CALLER_ROOT, account: principal };
  const parts = principal.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return { ...base, kind: CALLER_NAME };
  const service = parts[2];
  const account = parts[4];
  const resource = parts.slice(5).join(':');
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  const path = slash < 0 ? '' : resource.slice(slash + 1);
  if (service === 'iam') {
    if (resource === 'root') return { ...base, kind: CALLER_ROOT, account };
    if (type === 'user') return { ...base, kind: CALLER_USER, account };
    if (type === 'role') {
      const roleName = path.slice(path.lastIndexOf('/') + 1);
      return { ...base, kind: CALLER_ROLE, account, roleName, roleKey: `${account}|${roleName}` };
    }
  }
  if (service === 'sts') {
    if (type === 'assumed-role') {
      const roleName = path.slice(0, Math.max(0, path.indexOf('/')));
      return {
        ...base,
        kind: CALLER_SESSION,
        account,
        roleName,
        roleKey: roleName === '' ? '' : `${account}|${roleName}`,
      };
    }
    if (type === 'federated-user') return { ...base, kind: CALLER_FEDERATED_USER, account };
  }
  return { ...base, kind: CALLER_OTHER_ARN, account };
}

/**
 * How far a resource-policy Allow naming the caller reaches (AWS evaluation logic, same account):
 *  - REACH_ACCOUNT: the account is named (id or :root): authority is delegated to the account,
 *    whose identity policies must still allow; not a grant on its own.
 *  - REACH_ROLE: the role ARN (for a role or its sessions), a wildcard, or NotPrincipal: grants,
 *    but limited by the permissions boundary and session policies.
 *  - REACH_DIRECT: the user ARN, the role-session / federated-user ARN, a service: grants, not
 *    limited by boundary or session policies.
 */
export const REACH_NONE = 0;
export const REACH_ACCOUNT = 1;
export const REACH_ROLE = 2;
export const REACH_DIRECT = 3;
export type Reach = 0 | 1 | 2 | 3;

/** A compiled Principal / NotPrincipal element: sets, no per-request parsing. */
export class PrincipalSet {
  /** `"Principal": "*"`: everyone, including anonymous callers. */
  private everyone = false;
  /** `{"AWS": "*"}`: every AWS identity. */
  private anyAws = false;
  private readonly accounts = new Set<string>();
  private readonly arns = new Set<string>();
  private readonly roleKeys = new Set<string>();
  private readonly services = new Set<string>();
  private readonly names = new Set<string>();

  constructor(principal: Principal) {
    if (principal === '*') {
      this.everyone = true;
      return;
    }
    for (const entry of principal.AWS ?? []) this.addAws(entry.trim());
    for (const entry of principal.Service ?? []) {
      if (entry === '*') this.everyone = true;
      this.services.add(entry.trim().toLowerCase());
    }
    for (const entry of [...(principal.Federated ?? []), ...(principal.CanonicalUser ?? [])]) {
      if (entry === '*') this.everyone = true;
      this.names.add(entry.trim());
    }
  }

  private addAws(entry: string): void {
    if (entry === '*') {
      this.anyAws = true;
      return;
    }
    if (ACCOUNT_ID.test(entry)) {
      this.accounts.add(entry);
      return;
    }
    this.arns.add(entry);
    const parsed = parseCaller(entry);
    if (parsed.kind === CALLER_ROOT) this.accounts.add(parsed.account);
    if (parsed.kind === CALLER_ROLE) this.roleKeys.add(parsed.roleKey);
  }

  /** Reach of a `Principal` element for this caller (REACH_NONE when it does not name it). */
  reach(caller: Caller): Reach {
    if (caller.kind === CALLER_NAME) {
      if (this.services.has(caller.lower) || this.names.has(caller.principal)) return REACH_DIRECT;
      return this.everyone ? REACH_ROLE : REACH_NONE;
    }
    if (this.arns.has(caller.principal)) {
      return caller.kind === CALLER_ROLE ? REACH_ROLE : REACH_DIRECT;
    }
    if (caller.roleKey !== '' && this.roleKeys.has(caller.roleKey)) return REACH_ROLE;
    if (this.everyone || this.anyAws) return REACH_ROLE;
    if (caller.account !== '' && this.accounts.has(caller.account)) {
      return caller.kind === CALLER_ROOT ? REACH_DIRECT : REACH_ACCOUNT;
    }
    return REACH_NONE;
  }

  /**
   * Whether a `NotPrincipal` element of a Deny statement exempts the caller. AWS checks each
   * identity in the caller's chain: the account, then the user or role; so the account must be
   * listed along with the user or role ARN (for a role session, the role ARN).
   * (reference_policies_elements_notprincipal: "you must also specify the account ARN").
   */
  exempts(caller: Caller): boolean {
    if (this.everyone) return true;
    if (caller.kind === CALLER_NAME) {
      return this.services.has(caller.lower) || this.names.has(caller.principal);
    }
    if (this.anyAws) return true;
    const account = caller.account !== '' && this.accounts.has(caller.account);
    switch (caller.kind) {
      case CALLER_ROOT:
        return account || this.arns.has(caller.principal);
      case CALLER_ROLE:
      case CALLER_SESSION:
        return account && this.roleKeys.has(caller.roleKey);
      default:
        return account && this.arns.has(caller.principal);
    }
  }
}
