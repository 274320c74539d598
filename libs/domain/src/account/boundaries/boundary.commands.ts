import { IamEventType } from '@portcullis/contracts';
import { IamError } from '../account.errors';
import type { RoleState, UserState } from '../account.state';
import { roleRef } from '../roles/role.commands';
import type { CommandContext } from '../shared/command-context';
import {
  AttachablePolicy,
  requireAttachablePolicy,
  requireRole,
  requireUser,
} from '../shared/lookups';
import { userRef } from '../users/user.commands';
import { NAME_LIMITS, RequestValidation } from '../validation';

export interface PutUserPermissionsBoundaryInput {
  userName: string;
  /** ARN of a customer or AWS managed policy. */
  permissionsBoundary: string;
}
export interface PutRolePermissionsBoundaryInput {
  roleName: string;
  permissionsBoundary: string;
}
export interface DeleteUserPermissionsBoundaryInput {
  userName: string;
}
export interface DeleteRolePermissionsBoundaryInput {
  roleName: string;
}

/** What changes: the new boundary and the one it replaces; undefined when it is the same. */
function planPut(
  ctx: CommandContext,
  entity: UserState | RoleState,
  arn: string,
): { permissionsBoundaryArn: string; previousPermissionsBoundaryArn?: string } | undefined {
  const policy: AttachablePolicy = requireAttachablePolicy(ctx, arn);
  if (entity.boundary === policy.policyArn) return undefined;
  return {
    permissionsBoundaryArn: policy.policyArn,
    ...(entity.boundary !== undefined && { previousPermissionsBoundaryArn: entity.boundary }),
    ...(policy.awsManagedPolicy && { awsManagedPolicy: policy.awsManagedPolicy }),
  };
}

function requireBoundary(entity: UserState | RoleState): string {
  if (entity.boundary === undefined) {
    throw new IamError(
      'NoSuchEntity',
      `The ${entity.type} with name ${entity.name} has no permissions boundary.`,
    );
  }
  return entity.boundary;
}

/** PutUserPermissionsBoundary. Nothing is raised when it already is the user's boundary. */
export function putUserPermissionsBoundary(
  ctx: CommandContext,
  input: PutUserPermissionsBoundaryInput,
): void {
  new RequestValidation()
    .name('userName', input.userName, NAME_LIMITS.user)
    .arn('permissionsBoundary', input.permissionsBoundary)
    .throwIfAny();
  const user = requireUser(ctx.state, input.userName);
  const plan = planPut(ctx, user, input.permissionsBoundary);
  if (plan) ctx.raise(IamEventType.UserPermissionsBoundaryPut, { ...userRef(user), ...plan });
}

export function deleteUserPermissionsBoundary(
  ctx: CommandContext,
  input: DeleteUserPermissionsBoundaryInput,
): void {
  new RequestValidation().name('userName', input.userName, NAME_LIMITS.user).throwIfAny();
  const user = requireUser(ctx.state, input.userName);
  const permissionsBoundaryArn = requireBoundary(user);
  ctx.raise(IamEventType.UserPermissionsBoundaryDeleted, {
    ...userRef(user),
    permissionsBoundaryArn,
  });
}

/** PutRolePermissionsBoundary. Nothing is raised when it already is the role's boundary. */
export function putRolePermissionsBoundary(
  ctx: CommandContext,
  input: PutRolePermissionsBoundaryInput,
): void {
  new RequestValidation()
    .name('roleName', input.roleName, NAME_LIMITS.role)
    .arn('permissionsBoundary', input.permissionsBoundary)
    .throwIfAny();
  const role = requireRole(ctx.state, input.roleName);
  const plan = planPut(ctx, role, input.permissionsBoundary);
  if (plan) ctx.raise(IamEventType.RolePermissionsBoundaryPut, { ...roleRef(role), ...plan });
}

export function deleteRolePermissionsBoundary(
  ctx: CommandContext,
  input: DeleteRolePermissionsBoundaryInput,
): void {
  new RequestValidation().name('roleName', input.roleName, NAME_LIMITS.role).throwIfAny();
  const role = requireRole(ctx.state, input.roleName);
  const permissionsBoundaryArn = requireBoundary(role);
  ctx.raise(IamEventType.RolePermissionsBoundaryDeleted, {
    ...roleRef(role),
    permissionsBoundaryArn,
  });
}
