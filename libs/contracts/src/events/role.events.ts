import type { IamTag } from './common.events';

/** `iam.role-created.v1` (tags and a boundary given with CreateRole follow as their own events). */
export interface RoleCreatedPayload {
  roleName: string;
  roleId: string;
  path: string;
  arn: string;
  createDate: string;
  /** The trust policy, JSON text as the caller sent it. */
  assumeRolePolicyDocument: string;
  description?: string;
  /** Seconds, 3600–43200. */
  maxSessionDuration: number;
}

/** `iam.role-trust-policy-updated.v1` (UpdateAssumeRolePolicy) */
export interface RoleTrustPolicyUpdatedPayload {
  roleName: string;
  roleId: string;
  roleArn: string;
  assumeRolePolicyDocument: string;
}

/** `iam.role-updated.v1` (UpdateRole): the role's resulting description and session duration. */
export interface RoleUpdatedPayload {
  roleName: string;
  roleId: string;
  roleArn: string;
  description?: string;
  maxSessionDuration: number;
}

/** `iam.role-deleted.v1`. A permissions boundary, if any, goes with the role (as in AWS). */
export interface RoleDeletedPayload {
  roleName: string;
  roleId: string;
  path: string;
  arn: string;
  permissionsBoundaryArn?: string;
}

/** `iam.role-tagged.v1` */
export interface RoleTaggedPayload {
  roleName: string;
  roleId: string;
  roleArn: string;
  tags: IamTag[];
  resultingTags: IamTag[];
}

/** `iam.role-untagged.v1` */
export interface RoleUntaggedPayload {
  roleName: string;
  roleId: string;
  roleArn: string;
  tagKeys: string[];
  resultingTags: IamTag[];
}
