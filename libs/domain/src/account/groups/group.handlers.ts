import { IamEventType } from '@portcullis/contracts';
import type { AccountState, SomeEventHandlers } from '../account.state';

type GroupEvents =
  | typeof IamEventType.GroupCreated
  | typeof IamEventType.GroupUpdated
  | typeof IamEventType.GroupDeleted
  | typeof IamEventType.UserAddedToGroup
  | typeof IamEventType.UserRemovedFromGroup;

const group = (state: AccountState, name: string) => {
  const found = state.groups.find(name);
  if (!found) throw new Error(`event names unknown group ${name}`);
  return found;
};

const user = (state: AccountState, name: string) => {
  const found = state.users.find(name);
  if (!found) throw new Error(`event names unknown user ${name}`);
  return found;
};

export const groupHandlers: SomeEventHandlers<GroupEvents> = {
  [IamEventType.GroupCreated]: (state, p, sequence) => {
    state.groups.add({
      type: 'group',
      key: String(sequence),
      name: p.groupName,
      id: p.groupId,
      path: p.path,
      arn: p.arn,
      createDate: p.createDate,
      attached: new Set(),
      inline: new Map(),
      tags: new Map(),
      members: new Set(),
    });
  },
  [IamEventType.GroupUpdated]: (state, p) => {
    const g = group(state, p.oldGroupName);
    state.groups.rename(g, p.newGroupName);
    g.path = p.newPath;
    g.arn = p.newArn;
  },
  [IamEventType.GroupDeleted]: (state, p) => {
    const g = group(state, p.groupName);
    for (const userKey of g.members) state.users.get(userKey)?.groups.delete(g.key);
    for (const arn of g.attached) {
      state.usage.get(arn)?.attached.delete(g.key);
      state.pruneUsage(arn);
    }
    state.groups.remove(g);
  },
  [IamEventType.UserAddedToGroup]: (state, p) => {
    const g = group(state, p.groupName);
    const u = user(state, p.userName);
    g.members.add(u.key);
    u.groups.add(g.key);
  },
  [IamEventType.UserRemovedFromGroup]: (state, p) => {
    const g = group(state, p.groupName);
    const u = user(state, p.userName);
    g.members.delete(u.key);
    u.groups.delete(g.key);
  },
};
