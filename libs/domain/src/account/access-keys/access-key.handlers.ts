import { IamEventType } from '@portcullis/contracts';
import { mustFind, type AccountState, type SomeEventHandlers } from '../account.state';
import { findAccessKey } from './access-key.lookup';

type AccessKeyEvents =
  | typeof IamEventType.AccessKeyCreated
  | typeof IamEventType.AccessKeyUpdated
  | typeof IamEventType.AccessKeyDeleted
  | typeof IamEventType.AccessKeyUsed;

const user = (state: AccountState, name: string) => mustFind(state.users.find(name), name);

const key = (state: AccountState, userName: string, accessKeyId: string) =>
  mustFind(user(state, userName).accessKeys.get(accessKeyId), accessKeyId);

export const accessKeyHandlers: SomeEventHandlers<AccessKeyEvents> = {
  [IamEventType.AccessKeyCreated]: (state, p) => {
    const owner = user(state, p.userName);
    owner.accessKeys.set(p.accessKeyId, {
      accessKeyId: p.accessKeyId,
      status: p.status,
      createDate: p.createDate,
      sealedSecretAccessKey: p.sealedSecretAccessKey,
    });
    state.accessKeyOwners.set(p.accessKeyId, owner.key);
  },
  [IamEventType.AccessKeyUpdated]: (state, p) => {
    key(state, p.userName, p.accessKeyId).status = p.status;
  },
  [IamEventType.AccessKeyDeleted]: (state, p) => {
    user(state, p.userName).accessKeys.delete(p.accessKeyId);
    state.accessKeyOwners.delete(p.accessKeyId);
  },
  // A user's key or the root's (no userName): found by its id either way.
  [IamEventType.AccessKeyUsed]: (state, p) => {
    mustFind(findAccessKey(state, p.accessKeyId), p.accessKeyId).key.lastUsed = {
      date: p.lastUsedDate,
      serviceName: p.serviceName,
      region: p.region,
    };
  },
};
