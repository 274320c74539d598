import { IamEventType } from '@portcullis/contracts';
import { limitExceeded, policyNotFound } from '../account.errors';
import type { EntityState } from '../account.state';
import { AWS_ACCOUNT } from '../arns';
import { groupRef } from '../groups/group.commands';
import { roleRef } from '../roles/role.commands';
import type { CommandContext } from '../shared/command-context';
import {
  AttachablePolicy,
  findCustomerPolicy,
  requireAttachablePolicy,
  requireGroup,
  requireRole,
  requireUser,
} from '../shared/lookups';
import { userRef } from '../users/user.commands';
import { NAME_LIMITS, RequestValidation, requirePolicyArn } from '../validation';

export interface AttachUserPolicyInput {
  userName: string;
  policyArn: string;
}
export interface AttachGroupPolicyInput {
  groupName: string;
  policyArn: string;
}
export interface AttachRolePolicyInput {
  roleName: string;
  policyArn: string;
}
export type DetachUserPolicyInput = AttachUserPolicyInput;
export type DetachGroupPolicyInput = AttachGroupPolicyInput;
export type DetachRolePolicyInput = AttachRolePolicyInput;

/**
 * The policy to attach, or undefined when it already is (AWS answers success and nothing
 * changes). Customer and AWS managed policies count alike towards the entity's quota.
 */
function planAttach(
  ctx: CommandContext,
  entity: EntityState,
  policyArn: string,
  limit: number,
  quota: string,
): AttachablePolicy | undefined {
  const policy = requireAttachablePolicy(ctx, policyArn);
  if (entity.attached.has(policy.policyArn)) return undefined;
  if (entity.attached.size >= limit)
    throw limitExceeded(`Cannot exceed quota for ${quota}: ${limit}`);
  return policy;
}

/** The attached policy to detach; NoSuchEntity when it is not attached. */
function planDetach(
  ctx: CommandContext,
  entity: EntityState,
  policyArn: string,
): { policyArn: string; policyName: string } {
  const parsed = requirePolicyArn(policyArn);
  const canonical =
    parsed.account === AWS_ACCOUNT ? policyArn : findCustomerPolicy(ctx.state, policyArn)?.arn;
  if (canonical === undefined || !entity.attached.has(canonical)) throw policyNotFound(policyArn);
  const policyName =
    ctx.state.awsPolicies.get(canonical)?.policyName ??
    findCustomerPolicy(ctx.state, canonical)?.policyName ??
    parsed.name;
  return { policyArn: canonical, policyName };
}

const attachedPayload = (p: AttachablePolicy) => ({
  policyArn: p.policyArn,
  policyName: p.policyName,
  ...(p.awsManagedPolicy && { awsManagedPolicy: p.awsManagedPolicy }),
});

export function attachUserPolicy(ctx: CommandContext, input: AttachUserPolicyInput): void {
  new RequestValidation()
    .name('userName', input.userName, NAME_LIMITS.user)
    .arn('policyArn', input.policyArn)
    .throwIfAny();
  const user = requireUser(ctx.state, input.userName);
  const limit = ctx.limits.managedPoliciesPerUser;
  const policy = planAttach(ctx, user, input.policyArn, limit, 'PoliciesPerUser');
  if (policy)
    ctx.raise(IamEventType.UserPolicyAttached, { ...userRef(user), ...attachedPayload(policy) });
}

export function detachUserPolicy(ctx: CommandContext, input: DetachUserPolicyInput): void {
  new RequestValidation()
    .name('userName', input.userName, NAME_LIMITS.user)
    .arn('policyArn', input.policyArn)
    .throwIfAny();
  const user = requireUser(ctx.state, input.userName);
  const policy = planDetach(ctx, user, input.policyArn);
  ctx.raise(IamEventType.UserPolicyDetached, { ...userRef(user), ...policy });
}

export function attachGroupPolicy(ctx: CommandContext, input: AttachGroupPolicyInput): void {
  new RequestValidation()
    .name('groupName', input.groupName, NAME_LIMITS.group)
    .arn('policyArn', input.policyArn)
    .throwIfAny();
  const group = requireGroup(ctx.state, input.groupName);
  const limit = ctx.limits.managedPoliciesPerGroup;
  const policy = planAttach(ctx, group, input.policyArn, limit, 'PoliciesPerGroup');
  if (policy) {
    ctx.raise(IamEventType.GroupPolicyAttached, { ...groupRef(group), ...attachedPayload(policy) });
  }
}

export function detachGroupPolicy(ctx: CommandContext, input: DetachGroupPolicyInput): void {
  new RequestValidation()
    .name('groupName', input.groupName, NAME_LIMITS.group)
    .arn('policyArn', input.policyArn)
    .throwIfAny();
  const group = requireGroup(ctx.state, input.groupName);
  const policy = planDetach(ctx, group, input.policyArn);
  ctx.raise(IamEventType.GroupPolicyDetached, { ...groupRef(group), ...policy });
}

export function attachRolePolicy(ctx: CommandContext, input: AttachRolePolicyInput): void {
  new RequestValidation()
    .name('roleName', input.roleName, NAME_LIMITS.role)
    .arn('policyArn', input.policyArn)
    .throwIfAny();
  const role = requireRole(ctx.state, input.roleName);
  const limit = ctx.limits.managedPoliciesPerRole;
  const policy = planAttach(ctx, role, input.policyArn, limit, 'PoliciesPerRole');
  if (policy)
    ctx.raise(IamEventType.RolePolicyAttached, { ...roleRef(role), ...attachedPayload(policy) });
}

export function detachRolePolicy(ctx: CommandContext, input: DetachRolePolicyInput): void {
  new RequestValidation()
    .name('roleName', input.roleName, NAME_LIMITS.role)
    .arn('policyArn', input.policyArn)
    .throwIfAny();
  const role = requireRole(ctx.state, input.roleName);
  const policy = planDetach(ctx, role, input.policyArn);
  ctx.raise(IamEventType.RolePolicyDetached, { ...roleRef(role), ...policy });
}
