import type { IamTag } from '@portcullis/contracts';
import type {
  GroupView,
  ManagedPolicyView,
  PolicyVersionView,
  RoleView,
  UserView,
} from '@portcullis/domain';
import {
  attachedPermissionsBoundary,
  tagsMember,
  type AttachedPermissionsBoundary,
} from '../../shared/iam-response';

/**
 * The domain's views in AWS's response shapes (IAM API Reference, "Data types"). Get* answers
 * the full entity; List* leaves out what AWS's listing operations leave out (tags, permissions
 * boundary, a policy's description, a version's document).
 */

export type Detail = 'get' | 'list';

export type AwsPermissionsBoundary = AttachedPermissionsBoundary;

export interface AwsUser {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: string;
  PermissionsBoundary?: AwsPermissionsBoundary;
  Tags?: IamTag[];
}

export interface AwsGroup {
  Path: string;
  GroupName: string;
  GroupId: string;
  Arn: string;
  CreateDate: string;
}

export interface AwsRole {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: string;
  /** The trust policy as JSON text (AWS's Query API URL-encodes it; JSON needs no encoding). */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  PermissionsBoundary?: AwsPermissionsBoundary;
  Tags?: IamTag[];
}

export interface AwsPolicy {
  PolicyName: string;
  PolicyId?: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  IsAttachable: boolean;
  Description?: string;
  CreateDate?: string;
  UpdateDate?: string;
  Tags?: IamTag[];
}

export interface AwsPolicyVersion {
  Document?: string;
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate?: string;
}

export interface AwsAttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

const boundary = (arn: string | undefined): { PermissionsBoundary?: AwsPermissionsBoundary } =>
  arn === undefined ? {} : { PermissionsBoundary: attachedPermissionsBoundary(arn) };

export function awsUser(u: UserView, detail: Detail): AwsUser {
  return {
    Path: u.path,
    UserName: u.userName,
    UserId: u.userId,
    Arn: u.arn,
    CreateDate: u.createDate,
    ...(detail === 'get' && { ...boundary(u.permissionsBoundaryArn), ...tagsMember(u.tags) }),
  };
}

export function awsGroup(g: GroupView): AwsGroup {
  return {
    Path: g.path,
    GroupName: g.groupName,
    GroupId: g.groupId,
    Arn: g.arn,
    CreateDate: g.createDate,
  };
}

export function awsRole(r: RoleView, detail: Detail): AwsRole {
  return {
    Path: r.path,
    RoleName: r.roleName,
    RoleId: r.roleId,
    Arn: r.arn,
    CreateDate: r.createDate,
    AssumeRolePolicyDocument: r.assumeRolePolicyDocument,
    ...(r.description !== undefined && { Description: r.description }),
    MaxSessionDuration: r.maxSessionDuration,
    ...(detail === 'get' && { ...boundary(r.permissionsBoundaryArn), ...tagsMember(r.tags) }),
  };
}

export function awsPolicy(p: ManagedPolicyView, detail: Detail): AwsPolicy {
  return {
    PolicyName: p.policyName,
    ...(p.policyId !== undefined && { PolicyId: p.policyId }),
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: p.attachmentCount,
    PermissionsBoundaryUsageCount: p.permissionsBoundaryUsageCount,
    IsAttachable: p.isAttachable,
    ...(detail === 'get' && p.description !== undefined && { Description: p.description }),
    ...(p.createDate !== undefined && { CreateDate: p.createDate }),
    ...(p.updateDate !== undefined && { UpdateDate: p.updateDate }),
    ...(detail === 'get' && tagsMember(p.tags)),
  };
}

export function awsPolicyVersion(v: PolicyVersionView, detail: Detail): AwsPolicyVersion {
  return {
    ...(detail === 'get' && { Document: v.document }),
    VersionId: v.versionId,
    IsDefaultVersion: v.isDefaultVersion,
    ...(v.createDate !== undefined && { CreateDate: v.createDate }),
  };
}
