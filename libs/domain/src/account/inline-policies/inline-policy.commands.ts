import { IamEventType } from '@portcullis/contracts';
import { noSuchInlinePolicy } from '../account.errors';
import type { EntityState } from '../account.state';
import { groupRef } from '../groups/group.commands';
import { checkInlinePolicyDocument } from '../policy-documents';
import { roleRef } from '../roles/role.commands';
import type { AccountEvent, CommandContext } from '../shared/command-context';
import { requireGroup, requireRole, requireUser } from '../shared/lookups';
import { NAME_LIMITS, RequestValidation } from '../validation';

export interface PutUserPolicyInput {
  userName: string;
  policyName: string;
  /** JSON text. */
  policyDocument: string;
}
export interface PutGroupPolicyInput {
  groupName: string;
  policyName: string;
  policyDocument: string;
}
export interface PutRolePolicyInput {
  roleName: string;
  policyName: string;
  policyDocument: string;
}
export interface DeleteUserPolicyInput {
  userName: string;
  policyName: string;
}
export interface DeleteGroupPolicyInput {
  groupName: string;
  policyName: string;
}
export interface DeleteRolePolicyInput {
  roleName: string;
  policyName: string;
}

const ENTITY_FIELD = { user: 'userName', group: 'groupName', role: 'roleName' } as const;

function checkPutInput(
  type: EntityState['type'],
  entityName: string,
  policyName: string,
  policyDocument: string,
): void {
  new RequestValidation()
    .name(ENTITY_FIELD[type], entityName, NAME_LIMITS[type])
    .name('policyName', policyName, NAME_LIMITS.policy)
    .document('policyDocument', policyDocument)
    .throwIfAny();
}

function checkDeleteInput(type: EntityState['type'], entityName: string, policyName: string): void {
  new RequestValidation()
    .name(ENTITY_FIELD[type], entityName, NAME_LIMITS[type])
    .name('policyName', policyName, NAME_LIMITS.policy)
    .throwIfAny();
}

/**
 * The document, checked as an identity policy against the entity's inline quota: all its inline
 * policies together, the one of the same name (replaced, case-insensitively) left out.
 */
function checkDocument(
  ctx: CommandContext,
  entity: EntityState,
  policyName: string,
  policyDocument: string,
): void {
  const replaced = policyName.toLowerCase();
  const others = [...entity.inline.entries()]
    .filter(([k]) => k !== replaced)
    .map(([, p]) => p.document);
  checkInlinePolicyDocument(
    policyDocument,
    { type: entity.type, name: entity.name },
    others,
    ctx.limits.inlinePolicySize[entity.type],
  );
}

function requireInline(entity: EntityState, policyName: string) {
  const policy = entity.inline.get(policyName.toLowerCase());
  if (!policy) throw noSuchInlinePolicy(entity.type, policyName);
  return policy;
}

/** PutUserPolicy: adds or replaces an inline policy. Returns its `iam.user-policy-put.v1`. */
export function putUserPolicy(
  ctx: CommandContext,
  input: PutUserPolicyInput,
): AccountEvent<typeof IamEventType.UserPolicyPut> {
  checkPutInput('user', input.userName, input.policyName, input.policyDocument);
  const user = requireUser(ctx.state, input.userName);
  checkDocument(ctx, user, input.policyName, input.policyDocument);
  return ctx.raise(IamEventType.UserPolicyPut, {
    userName: user.name,
    userArn: user.arn,
    policyName: input.policyName,
    policyDocument: input.policyDocument,
  });
}

export function putGroupPolicy(ctx: CommandContext, input: PutGroupPolicyInput): void {
  checkPutInput('group', input.groupName, input.policyName, input.policyDocument);
  const group = requireGroup(ctx.state, input.groupName);
  checkDocument(ctx, group, input.policyName, input.policyDocument);
  ctx.raise(IamEventType.GroupPolicyPut, {
    ...groupRef(group),
    policyName: input.policyName,
    policyDocument: input.policyDocument,
  });
}

export function putRolePolicy(ctx: CommandContext, input: PutRolePolicyInput): void {
  checkPutInput('role', input.roleName, input.policyName, input.policyDocument);
  const role = requireRole(ctx.state, input.roleName);
  checkDocument(ctx, role, input.policyName, input.policyDocument);
  ctx.raise(IamEventType.RolePolicyPut, {
    ...roleRef(role),
    policyName: input.policyName,
    policyDocument: input.policyDocument,
  });
}

export function deleteUserPolicy(ctx: CommandContext, input: DeleteUserPolicyInput): void {
  checkDeleteInput('user', input.userName, input.policyName);
  const user = requireUser(ctx.state, input.userName);
  const policy = requireInline(user, input.policyName);
  ctx.raise(IamEventType.UserPolicyDeleted, {
    userName: user.name,
    userId: user.id,
    userArn: user.arn,
    policyName: policy.policyName,
  });
}

export function deleteGroupPolicy(ctx: CommandContext, input: DeleteGroupPolicyInput): void {
  checkDeleteInput('group', input.groupName, input.policyName);
  const group = requireGroup(ctx.state, input.groupName);
  const policy = requireInline(group, input.policyName);
  ctx.raise(IamEventType.GroupPolicyDeleted, { ...groupRef(group), policyName: policy.policyName });
}

export function deleteRolePolicy(ctx: CommandContext, input: DeleteRolePolicyInput): void {
  checkDeleteInput('role', input.roleName, input.policyName);
  const role = requireRole(ctx.state, input.roleName);
  const policy = requireInline(role, input.policyName);
  ctx.raise(IamEventType.RolePolicyDeleted, { ...roleRef(role), policyName: policy.policyName });
}
