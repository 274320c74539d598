import { IamEventType, type AwsManagedPolicyPayload } from '@portcullis/contracts';
import {
  mustFind as must,
  type AccountState,
  type EntityState,
  type SomeEventHandlers,
} from '../account.state';

type AttachmentEvents =
  | typeof IamEventType.UserPolicyAttached
  | typeof IamEventType.UserPolicyDetached
  | typeof IamEventType.GroupPolicyAttached
  | typeof IamEventType.GroupPolicyDetached
  | typeof IamEventType.RolePolicyAttached
  | typeof IamEventType.RolePolicyDetached;

function attach(
  state: AccountState,
  entity: EntityState,
  policyArn: string,
  aws: AwsManagedPolicyPayload | undefined,
): void {
  entity.attached.add(policyArn);
  state.usageOf(policyArn).attached.add(entity.key);
  if (aws) state.awsPolicies.set(policyArn, aws);
}

function detach(state: AccountState, entity: EntityState, policyArn: string): void {
  entity.attached.delete(policyArn);
  state.usage.get(policyArn)?.attached.delete(entity.key);
  state.pruneUsage(policyArn);
}

export const attachmentHandlers: SomeEventHandlers<AttachmentEvents> = {
  [IamEventType.UserPolicyAttached]: (state, p) =>
    attach(state, must(state.users.find(p.userName), p.userName), p.policyArn, p.awsManagedPolicy),
  [IamEventType.UserPolicyDetached]: (state, p) =>
    detach(state, must(state.users.find(p.userName), p.userName), p.policyArn),
  [IamEventType.GroupPolicyAttached]: (state, p) =>
    attach(
      state,
      must(state.groups.find(p.groupName), p.groupName),
      p.policyArn,
      p.awsManagedPolicy,
    ),
  [IamEventType.GroupPolicyDetached]: (state, p) =>
    detach(state, must(state.groups.find(p.groupName), p.groupName), p.policyArn),
  [IamEventType.RolePolicyAttached]: (state, p) =>
    attach(state, must(state.roles.find(p.roleName), p.roleName), p.policyArn, p.awsManagedPolicy),
  [IamEventType.RolePolicyDetached]: (state, p) =>
    detach(state, must(state.roles.find(p.roleName), p.roleName), p.policyArn),
};
