import type { AwsManagedPolicyPayload } from './common.events';

/*
 * Managed-policy attachments, inline policies and permissions boundaries of users, groups and
 * roles. Every payload names the entity (name, id, ARN) and the policy, so a projection needs
 * nothing else; an AWS managed policy also carries the document the account used
 * (`awsManagedPolicy`), a customer managed policy's document is in its own events.
 */

/** `iam.user-policy-attached.v1` (AttachUserPolicy) */
export interface UserPolicyAttachedPayload {
  userName: string;
  userId: string;
  userArn: string;
  policyArn: string;
  policyName: string;
  awsManagedPolicy?: AwsManagedPolicyPayload;
}
/** `iam.user-policy-detached.v1` (DetachUserPolicy) */
export interface UserPolicyDetachedPayload {
  userName: string;
  userId: string;
  userArn: string;
  policyArn: string;
  policyName: string;
}
/** `iam.group-policy-attached.v1` (AttachGroupPolicy) */
export interface GroupPolicyAttachedPayload {
  groupName: string;
  groupId: string;
  groupArn: string;
  policyArn: string;
  policyName: string;
  awsManagedPolicy?: AwsManagedPolicyPayload;
}
/** `iam.group-policy-detached.v1` (DetachGroupPolicy) */
export interface GroupPolicyDetachedPayload {
  groupName: string;
  groupId: string;
  groupArn: string;
  policyArn: string;
  policyName: string;
}
/** `iam.role-policy-attached.v1` (AttachRolePolicy) */
export interface RolePolicyAttachedPayload {
  roleName: string;
  roleId: string;
  roleArn: string;
  policyArn: string;
  policyName: string;
  awsManagedPolicy?: AwsManagedPolicyPayload;
}
/** `iam.role-policy-detached.v1` (DetachRolePolicy) */
export interface RolePolicyDetachedPayload {
  roleName: string;
  roleId: string;
  roleArn: string;
  policyArn: string;
  policyName: string;
}

/** `iam.user-policy-put.v1` (PutUserPolicy; the first event type, so it has no `userId`). */
export interface UserPolicyPutPayload {
  userName: string;
  userArn: string;
  policyName: string;
  /** The policy document as the caller sent it (JSON text). */
  policyDocument: string;
}
/** `iam.user-policy-deleted.v1` (DeleteUserPolicy) */
export interface UserPolicyDeletedPayload {
  userName: string;
  userId: string;
  userArn: string;
  policyName: string;
}
/** `iam.group-policy-put.v1` (PutGroupPolicy) */
export interface GroupPolicyPutPayload {
  groupName: string;
  groupId: string;
  groupArn: string;
  policyName: string;
  policyDocument: string;
}
/** `iam.group-policy-deleted.v1` (DeleteGroupPolicy) */
export interface GroupPolicyDeletedPayload {
  groupName: string;
  groupId: string;
  groupArn: string;
  policyName: string;
}
/** `iam.role-policy-put.v1` (PutRolePolicy) */
export interface RolePolicyPutPayload {
  roleName: string;
  roleId: string;
  roleArn: string;
  policyName: string;
  policyDocument: string;
}
/** `iam.role-policy-deleted.v1` (DeleteRolePolicy) */
export interface RolePolicyDeletedPayload {
  roleName: string;
  roleId: string;
  roleArn: string;
  policyName: string;
}

/** `iam.user-permissions-boundary-put.v1` (PutUserPermissionsBoundary, or CreateUser with one) */
export interface UserPermissionsBoundaryPutPayload {
  userName: string;
  userId: string;
  userArn: string;
  permissionsBoundaryArn: string;
  previousPermissionsBoundaryArn?: string;
  awsManagedPolicy?: AwsManagedPolicyPayload;
}
/** `iam.user-permissions-boundary-deleted.v1` (DeleteUserPermissionsBoundary) */
export interface UserPermissionsBoundaryDeletedPayload {
  userName: string;
  userId: string;
  userArn: string;
  permissionsBoundaryArn: string;
}
/** `iam.role-permissions-boundary-put.v1` (PutRolePermissionsBoundary, or CreateRole with one) */
export interface RolePermissionsBoundaryPutPayload {
  roleName: string;
  roleId: string;
  roleArn: string;
  permissionsBoundaryArn: string;
  previousPermissionsBoundaryArn?: string;
  awsManagedPolicy?: AwsManagedPolicyPayload;
}
/** `iam.role-permissions-boundary-deleted.v1` (DeleteRolePermissionsBoundary) */
export interface RolePermissionsBoundaryDeletedPayload {
  roleName: string;
  roleId: string;
  roleArn: string;
  permissionsBoundaryArn: string;
}
