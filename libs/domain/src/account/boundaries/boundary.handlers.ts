import { IamEventType, type AwsManagedPolicyPayload } from '@portcullis/contracts';
import {
  mustFind,
  type AccountState,
  type RoleState,
  type SomeEventHandlers,
  type UserState,
} from '../account.state';

type BoundaryEvents =
  | typeof IamEventType.UserPermissionsBoundaryPut
  | typeof IamEventType.UserPermissionsBoundaryDeleted
  | typeof IamEventType.RolePermissionsBoundaryPut
  | typeof IamEventType.RolePermissionsBoundaryDeleted;

function clear(state: AccountState, entity: UserState | RoleState): void {
  const arn = entity.boundary;
  if (arn === undefined) return;
  state.usage.get(arn)?.boundaryOf.delete(entity.key);
  state.pruneUsage(arn);
  delete entity.boundary;
}

function put(
  state: AccountState,
  entity: UserState | RoleState,
  arn: string,
  aws: AwsManagedPolicyPayload | undefined,
): void {
  clear(state, entity);
  entity.boundary = arn;
  state.usageOf(arn).boundaryOf.add(entity.key);
  if (aws) state.awsPolicies.set(arn, aws);
}

export const boundaryHandlers: SomeEventHandlers<BoundaryEvents> = {
  [IamEventType.UserPermissionsBoundaryPut]: (state, p) =>
    put(
      state,
      mustFind(state.users.find(p.userName), p.userName),
      p.permissionsBoundaryArn,
      p.awsManagedPolicy,
    ),
  [IamEventType.UserPermissionsBoundaryDeleted]: (state, p) =>
    clear(state, mustFind(state.users.find(p.userName), p.userName)),
  [IamEventType.RolePermissionsBoundaryPut]: (state, p) =>
    put(
      state,
      mustFind(state.roles.find(p.roleName), p.roleName),
      p.permissionsBoundaryArn,
      p.awsManagedPolicy,
    ),
  [IamEventType.RolePermissionsBoundaryDeleted]: (state, p) =>
    clear(state, mustFind(state.roles.find(p.roleName), p.roleName)),
};
