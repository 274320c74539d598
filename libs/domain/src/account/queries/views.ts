import type { IamTag } from '@portcullis/contracts';

/** Read models the aggregate answers with: plain, frozen snapshots, never its internal state. */

export interface UserView {
  readonly userName: string;
  readonly userId: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: string;
  readonly permissionsBoundaryArn?: string;
  readonly tags: readonly IamTag[];
}

export interface GroupView {
  readonly groupName: string;
  readonly groupId: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: string;
}

/** GetGroup: the group and its members. */
export interface GroupWithUsersView {
  readonly group: GroupView;
  readonly users: readonly UserView[];
}

export interface RoleView {
  readonly roleName: string;
  readonly roleId: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: string;
  readonly assumeRolePolicyDocument: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly permissionsBoundaryArn?: string;
  readonly tags: readonly IamTag[];
}

export interface ManagedPolicyView {
  readonly policyName: string;
  /** Absent for AWS managed policies (the catalogue does not carry their ids). */
  readonly policyId?: string;
  readonly arn: string;
  readonly path: string;
  readonly description?: string;
  readonly defaultVersionId: string;
  readonly createDate?: string;
  readonly updateDate?: string;
  /** Users, groups and roles it is attached to. */
  readonly attachmentCount: number;
  /** Users and roles whose permissions boundary it is. */
  readonly permissionsBoundaryUsageCount: number;
  readonly isAttachable: true;
  readonly awsManaged: boolean;
  readonly tags: readonly IamTag[];
}

export interface PolicyVersionView {
  readonly versionId: string;
  readonly document: string;
  readonly isDefaultVersion: boolean;
  readonly createDate?: string;
}

export interface AttachedPolicyView {
  readonly policyName: string;
  readonly policyArn: string;
}

export interface InlinePolicyView {
  readonly policyName: string;
  readonly policyDocument: string;
}

export interface PolicyEntityView {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
}

/** ListEntitiesForPolicy: who has it attached, and whose boundary it is. */
export interface PolicyEntitiesView {
  readonly policyUsers: readonly PolicyEntityView[];
  readonly policyGroups: readonly PolicyEntityView[];
  readonly policyRoles: readonly PolicyEntityView[];
  readonly boundaryUsers: readonly PolicyEntityView[];
  readonly boundaryRoles: readonly PolicyEntityView[];
}

export interface AccountView {
  readonly accountId: string;
  /** Absent for an account whose log predates `iam.account-created.v1`. */
  readonly accountName?: string;
  readonly rootArn: string;
  readonly createDate?: string;
}

/** One policy document in a principal's policy set. */
export interface PrincipalPolicyView {
  /** The managed policy's ARN, or `<entity ARN>#inline/<name>` for an inline policy. */
  readonly id: string;
  readonly kind: 'inline' | 'managed';
  /** JSON text: the inline document, or the managed policy's default version. */
  readonly document: string;
  /** ARN of the user, group or role it is embedded in or attached to. */
  readonly via: string;
  /** Managed policies: the version in effect. */
  readonly versionId?: string;
  readonly awsManaged?: boolean;
}

/**
 * The documents that apply to a principal: for a user its inline and attached managed policies
 * and those of its groups; for a role its own; the permissions boundary apart. The root user has
 * none: it may do everything in its account.
 */
export interface PrincipalPoliciesView {
  readonly principalArn: string;
  readonly principalType: 'root' | 'user' | 'role';
  readonly identityPolicies: readonly PrincipalPolicyView[];
  readonly permissionsBoundary?: PrincipalPolicyView;
}

export type PolicyScope = 'All' | 'AWS' | 'Local';

export interface ListPoliciesOptions {
  /** Defaults to All. */
  scope?: PolicyScope;
  pathPrefix?: string;
  onlyAttached?: boolean;
}

export interface PathPrefixOptions {
  pathPrefix?: string;
}
