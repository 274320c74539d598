import { IamEventType } from '@portcullis/contracts';
import type { AccountState, SomeEventHandlers } from '../account.state';
import { replaceTags } from '../tags';

type UserEvents =
  | typeof IamEventType.UserCreated
  | typeof IamEventType.UserUpdated
  | typeof IamEventType.UserDeleted
  | typeof IamEventType.UserTagged
  | typeof IamEventType.UserUntagged;

const user = (state: AccountState, name: string) => {
  const found = state.users.find(name);
  if (!found) throw new Error(`event names unknown user ${name}`);
  return found;
};

export const userHandlers: SomeEventHandlers<UserEvents> = {
  [IamEventType.UserCreated]: (state, p, sequence) => {
    state.users.add({
      type: 'user',
      key: String(sequence),
      name: p.userName,
      id: p.userId,
      path: p.path,
      arn: p.arn,
      createDate: p.createDate,
      attached: new Set(),
      inline: new Map(),
      tags: new Map(),
      groups: new Set(),
      accessKeys: new Map(),
      passwordHistory: [],
      mfaDevices: new Set(),
    });
  },
  [IamEventType.UserUpdated]: (state, p) => {
    const u = user(state, p.oldUserName);
    state.users.rename(u, p.newUserName);
    u.path = p.newPath;
    u.arn = p.newArn;
  },
  [IamEventType.UserDeleted]: (state, p) => {
    const u = user(state, p.userName);
    for (const groupKey of u.groups) state.groups.get(groupKey)?.members.delete(u.key);
    for (const arn of u.attached) {
      state.usage.get(arn)?.attached.delete(u.key);
      state.pruneUsage(arn);
    }
    if (u.boundary !== undefined) {
      state.usage.get(u.boundary)?.boundaryOf.delete(u.key);
      state.pruneUsage(u.boundary);
    }
    // DeleteUser requires the user's credentials gone first; its password history goes with it.
    state.users.remove(u);
  },
  [IamEventType.UserTagged]: (state, p) => {
    replaceTags(user(state, p.userName).tags, p.resultingTags);
  },
  [IamEventType.UserUntagged]: (state, p) => {
    replaceTags(user(state, p.userName).tags, p.resultingTags);
  },
};
