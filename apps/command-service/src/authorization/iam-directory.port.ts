/**
 * What IAM-authorizes-IAM needs to know about one account: the caller's policy set and the
 * target's ARN, tags and boundary. The command side adapts its in-memory Account aggregate to
 * this (synchronously: the owner holds the aggregate); nothing here knows the aggregate.
 */

export type IamEntityType = 'user' | 'group' | 'role' | 'policy' | 'mfa';

/** A policy in a principal's set. `id` names it in explanations and keys the compiled-policy
 *  cache: a managed policy's ARN, or `<entity ARN>#inline/<name>` for an inline policy. */
export interface IamPolicyText {
  readonly id: string;
  /** The policy document as JSON text (a managed policy: its default version). */
  readonly document: string;
}

/** Everything that applies to one principal (an IAM user or role) of the account. */
export interface IamPrincipalPolicies {
  /** Its inline and attached policies, and, for a user, those of every group it is in. */
  readonly identity: readonly IamPolicyText[];
  /** Its permissions boundary (the boundary policy's default version). */
  readonly boundary?: IamPolicyText;
  /** Its tags: become `aws:PrincipalTag/<key>`. */
  readonly tags: Readonly<Record<string, string>>;
  /** Its unique id (`AIDA…` user, `AROA…` role): becomes `aws:userid`. */
  readonly principalId?: string;
  /** Its friendly name (UserName / RoleName): becomes `aws:username` for a user. */
  readonly name?: string;
}

/** The target of a request as it exists now. */
export interface IamTarget {
  /** Its ARN, path included (`arn:aws:iam::<acct>:user/division/alice`). */
  readonly arn: string;
  /** Its current tags: become `aws:ResourceTag/<key>` (user, role, policy) and `iam:ResourceTag/<key>` (user, role). */
  readonly tags: Readonly<Record<string, string>>;
  /** A user's or role's current permissions boundary ARN: `iam:PermissionsBoundary` for the actions
   *  the reference lists it on (Attach/Detach/Put/Delete*Policy, Delete*PermissionsBoundary, …). */
  readonly permissionsBoundary?: string;
}

export interface IamTargetLookup {
  /** An entity of the account by name (user, group, role) or by ARN (policy, AWS managed ones
   *  included; a virtual MFA device by its serial number, which is its ARN); undefined when it
   *  does not exist. Names are matched as IAM matches them
   *  (case-insensitively). */
  lookup(entityType: IamEntityType, nameOrArn: string): IamTarget | undefined;
  /** The name of the user an access key belongs to (GetAccessKeyLastUsed names only the key). */
  accessKeyOwner(accessKeyId: string): string | undefined;
}

export interface IamDirectory extends IamTargetLookup {
  /** The policy set of a user or role of the account, by its exact ARN (path included); undefined
   *  when there is no such principal. */
  policiesOf(principalArn: string): IamPrincipalPolicies | undefined;
}
