import { IamEventType } from '@portcullis/contracts';
import { mustFind, type EntityState, type SomeEventHandlers } from '../account.state';

type InlinePolicyEvents =
  | typeof IamEventType.UserPolicyPut
  | typeof IamEventType.UserPolicyDeleted
  | typeof IamEventType.GroupPolicyPut
  | typeof IamEventType.GroupPolicyDeleted
  | typeof IamEventType.RolePolicyPut
  | typeof IamEventType.RolePolicyDeleted;

/** Inline policy names are unique per entity case-insensitively; a put replaces. */
const put = (entity: EntityState, policyName: string, document: string): void => {
  entity.inline.set(policyName.toLowerCase(), { policyName, document });
};

const remove = (entity: EntityState, policyName: string): void => {
  entity.inline.delete(policyName.toLowerCase());
};

export const inlinePolicyHandlers: SomeEventHandlers<InlinePolicyEvents> = {
  [IamEventType.UserPolicyPut]: (state, p) =>
    put(mustFind(state.users.find(p.userName), p.userName), p.policyName, p.policyDocument),
  [IamEventType.UserPolicyDeleted]: (state, p) =>
    remove(mustFind(state.users.find(p.userName), p.userName), p.policyName),
  [IamEventType.GroupPolicyPut]: (state, p) =>
    put(mustFind(state.groups.find(p.groupName), p.groupName), p.policyName, p.policyDocument),
  [IamEventType.GroupPolicyDeleted]: (state, p) =>
    remove(mustFind(state.groups.find(p.groupName), p.groupName), p.policyName),
  [IamEventType.RolePolicyPut]: (state, p) =>
    put(mustFind(state.roles.find(p.roleName), p.roleName), p.policyName, p.policyDocument),
  [IamEventType.RolePolicyDeleted]: (state, p) =>
    remove(mustFind(state.roles.find(p.roleName), p.roleName), p.policyName),
};
