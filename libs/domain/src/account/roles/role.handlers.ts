import { IamEventType } from '@portcullis/contracts';
import type { AccountState, SomeEventHandlers } from '../account.state';
import { replaceTags } from '../tags';

type RoleEvents =
  | typeof IamEventType.RoleCreated
  | typeof IamEventType.RoleTrustPolicyUpdated
  | typeof IamEventType.RoleUpdated
  | typeof IamEventType.RoleDeleted
  | typeof IamEventType.RoleTagged
  | typeof IamEventType.RoleUntagged;

const role = (state: AccountState, name: string) => {
  const found = state.roles.find(name);
  if (!found) throw new Error(`event names unknown role ${name}`);
  return found;
};

export const roleHandlers: SomeEventHandlers<RoleEvents> = {
  [IamEventType.RoleCreated]: (state, p, sequence) => {
    state.roles.add({
      type: 'role',
      key: String(sequence),
      name: p.roleName,
      id: p.roleId,
      path: p.path,
      arn: p.arn,
      createDate: p.createDate,
      attached: new Set(),
      inline: new Map(),
      tags: new Map(),
      trustPolicy: p.assumeRolePolicyDocument,
      ...(p.description !== undefined && { description: p.description }),
      maxSessionDuration: p.maxSessionDuration,
    });
  },
  [IamEventType.RoleTrustPolicyUpdated]: (state, p) => {
    role(state, p.roleName).trustPolicy = p.assumeRolePolicyDocument;
  },
  [IamEventType.RoleUpdated]: (state, p) => {
    const r = role(state, p.roleName);
    if (p.description === undefined) delete r.description;
    else r.description = p.description;
    r.maxSessionDuration = p.maxSessionDuration;
  },
  [IamEventType.RoleDeleted]: (state, p) => {
    const r = role(state, p.roleName);
    for (const arn of r.attached) {
      state.usage.get(arn)?.attached.delete(r.key);
      state.pruneUsage(arn);
    }
    if (r.boundary !== undefined) {
      state.usage.get(r.boundary)?.boundaryOf.delete(r.key);
      state.pruneUsage(r.boundary);
    }
    state.roles.remove(r);
  },
  [IamEventType.RoleTagged]: (state, p) => {
    replaceTags(role(state, p.roleName).tags, p.resultingTags);
  },
  [IamEventType.RoleUntagged]: (state, p) => {
    replaceTags(role(state, p.roleName).tags, p.resultingTags);
  },
};
