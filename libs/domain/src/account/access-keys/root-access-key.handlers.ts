import { IamEventType } from '@portcullis/contracts';
import { mustFind, type SomeEventHandlers } from '../account.state';

type RootAccessKeyEvents =
  | typeof IamEventType.RootAccessKeyCreated
  | typeof IamEventType.RootAccessKeyUpdated
  | typeof IamEventType.RootAccessKeyDeleted;

export const rootAccessKeyHandlers: SomeEventHandlers<RootAccessKeyEvents> = {
  [IamEventType.RootAccessKeyCreated]: (state, p) => {
    state.rootAccessKeys.set(p.accessKeyId, {
      accessKeyId: p.accessKeyId,
      status: p.status,
      createDate: p.createDate,
      sealedSecretAccessKey: p.sealedSecretAccessKey,
    });
  },
  [IamEventType.RootAccessKeyUpdated]: (state, p) => {
    mustFind(state.rootAccessKeys.get(p.accessKeyId), p.accessKeyId).status = p.status;
  },
  [IamEventType.RootAccessKeyDeleted]: (state, p) => {
    state.rootAccessKeys.delete(p.accessKeyId);
  },
};
