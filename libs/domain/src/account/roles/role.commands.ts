import { IamEventType, type IamTag } from '@portcullis/contracts';
import { deleteConflict, entityAlreadyExists } from '../account.errors';
import type { RoleState } from '../account.state';
import { entityArn } from '../arns';
import { awsUniqueId, RandomSource } from '../ids';
import { checkTrustPolicyDocument } from '../policy-documents';
import type { CommandContext } from '../shared/command-context';
import { requireAttachablePolicy, requireRole } from '../shared/lookups';
import { checkTagKeys, checkTags, copyTags, tagsAfterTagging, tagsAfterUntagging } from '../tags';
import { NAME_LIMITS, RequestValidation } from '../validation';

export const DEFAULT_MAX_SESSION_DURATION = 3600;

export interface CreateRoleInput {
  roleName: string;
  /** Defaults to `/`. */
  path?: string;
  /** The trust policy, JSON text. */
  assumeRolePolicyDocument: string;
  description?: string;
  /** Seconds, 3600 (the default) to 43200. */
  maxSessionDuration?: number;
  permissionsBoundary?: string;
  tags?: IamTag[];
  now: Date;
  random: RandomSource;
}

export interface UpdateAssumeRolePolicyInput {
  roleName: string;
  policyDocument: string;
}

/** UpdateRole: what is given changes, what is left out stays. */
export interface UpdateRoleInput {
  roleName: string;
  description?: string;
  maxSessionDuration?: number;
}

export interface DeleteRoleInput {
  roleName: string;
}

export interface TagRoleInput {
  roleName: string;
  tags: IamTag[];
}

export interface UntagRoleInput {
  roleName: string;
  tagKeys: string[];
}

export const roleRef = (r: RoleState) => ({ roleName: r.name, roleId: r.id, roleArn: r.arn });

/**
 * CreateRole: `iam.role-created.v1`, then `iam.role-tagged.v1` when tags are given and
 * `iam.role-permissions-boundary-put.v1` when a boundary is.
 */
export function createRole(ctx: CommandContext, input: CreateRoleInput): void {
  const path = input.path ?? '/';
  const maxSessionDuration = input.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION;
  const v = new RequestValidation()
    .name('roleName', input.roleName, NAME_LIMITS.role)
    .path('path', path)
    .document('assumeRolePolicyDocument', input.assumeRolePolicyDocument)
    .maxSessionDuration('maxSessionDuration', maxSessionDuration);
  if (input.description !== undefined) v.description('description', input.description, true);
  if (input.permissionsBoundary !== undefined)
    v.arn('permissionsBoundary', input.permissionsBoundary);
  v.throwIfAny();
  const tags = input.tags ?? [];
  checkTags(tags, ctx.limits.tagsPerEntity);
  checkTrustPolicyDocument(input.assumeRolePolicyDocument, ctx.limits.trustPolicySize);
  if (ctx.state.roles.find(input.roleName)) throw entityAlreadyExists('Role', input.roleName);
  const boundary =
    input.permissionsBoundary === undefined
      ? undefined
      : requireAttachablePolicy(ctx, input.permissionsBoundary);

  const created = ctx.raise(IamEventType.RoleCreated, {
    roleName: input.roleName,
    roleId: awsUniqueId('AROA', input.random),
    path,
    arn: entityArn(ctx.state.accountId, 'role', path, input.roleName),
    createDate: input.now.toISOString(),
    assumeRolePolicyDocument: input.assumeRolePolicyDocument,
    ...(input.description !== undefined && { description: input.description }),
    maxSessionDuration,
  });
  const ref = {
    roleName: created.payload.roleName,
    roleId: created.payload.roleId,
    roleArn: created.payload.arn,
  };
  if (tags.length > 0) {
    const resultingTags = tagsAfterTagging(new Map(), tags, ctx.limits.tagsPerEntity);
    ctx.raise(IamEventType.RoleTagged, { ...ref, tags: copyTags(tags), resultingTags });
  }
  if (boundary) {
    ctx.raise(IamEventType.RolePermissionsBoundaryPut, {
      ...ref,
      permissionsBoundaryArn: boundary.policyArn,
      ...(boundary.awsManagedPolicy && { awsManagedPolicy: boundary.awsManagedPolicy }),
    });
  }
}

export function updateAssumeRolePolicy(
  ctx: CommandContext,
  input: UpdateAssumeRolePolicyInput,
): void {
  new RequestValidation()
    .name('roleName', input.roleName, NAME_LIMITS.role)
    .document('policyDocument', input.policyDocument)
    .throwIfAny();
  checkTrustPolicyDocument(input.policyDocument, ctx.limits.trustPolicySize);
  const role = requireRole(ctx.state, input.roleName);
  ctx.raise(IamEventType.RoleTrustPolicyUpdated, {
    ...roleRef(role),
    assumeRolePolicyDocument: input.policyDocument,
  });
}

/** UpdateRole. Nothing is raised when nothing changes. */
export function updateRole(ctx: CommandContext, input: UpdateRoleInput): void {
  const v = new RequestValidation().name('roleName', input.roleName, NAME_LIMITS.role);
  if (input.description !== undefined) v.description('description', input.description, true);
  if (input.maxSessionDuration !== undefined) {
    v.maxSessionDuration('maxSessionDuration', input.maxSessionDuration);
  }
  v.throwIfAny();
  const role = requireRole(ctx.state, input.roleName);
  const description = input.description ?? role.description;
  const maxSessionDuration = input.maxSessionDuration ?? role.maxSessionDuration;
  if (description === role.description && maxSessionDuration === role.maxSessionDuration) return;
  ctx.raise(IamEventType.RoleUpdated, {
    ...roleRef(role),
    ...(description !== undefined && { description }),
    maxSessionDuration,
  });
}

/**
 * DeleteRole: only a role without inline or attached policies. A permissions boundary does not
 * stop it (as in AWS); it goes with the role.
 */
export function deleteRole(ctx: CommandContext, input: DeleteRoleInput): void {
  new RequestValidation().name('roleName', input.roleName, NAME_LIMITS.role).throwIfAny();
  const role = requireRole(ctx.state, input.roleName);
  if (role.inline.size > 0)
    throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (role.attached.size > 0) {
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
  }
  ctx.raise(IamEventType.RoleDeleted, {
    roleName: role.name,
    roleId: role.id,
    path: role.path,
    arn: role.arn,
    ...(role.boundary !== undefined && { permissionsBoundaryArn: role.boundary }),
  });
}

export function tagRole(ctx: CommandContext, input: TagRoleInput): void {
  new RequestValidation().name('roleName', input.roleName, NAME_LIMITS.role).throwIfAny();
  checkTags(input.tags, ctx.limits.tagsPerEntity);
  const role = requireRole(ctx.state, input.roleName);
  const resultingTags = tagsAfterTagging(role.tags, input.tags, ctx.limits.tagsPerEntity);
  ctx.raise(IamEventType.RoleTagged, {
    ...roleRef(role),
    tags: copyTags(input.tags),
    resultingTags,
  });
}

export function untagRole(ctx: CommandContext, input: UntagRoleInput): void {
  new RequestValidation().name('roleName', input.roleName, NAME_LIMITS.role).throwIfAny();
  checkTagKeys(input.tagKeys, ctx.limits.tagsPerEntity);
  const role = requireRole(ctx.state, input.roleName);
  ctx.raise(IamEventType.RoleUntagged, {
    ...roleRef(role),
    tagKeys: [...input.tagKeys],
    resultingTags: tagsAfterUntagging(role.tags, input.tagKeys),
  });
}
