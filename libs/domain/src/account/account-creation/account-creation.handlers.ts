import { IamEventType } from '@portcullis/contracts';
import type { SomeEventHandlers } from '../account.state';

export const accountCreationHandlers: SomeEventHandlers<typeof IamEventType.AccountCreated> = {
  [IamEventType.AccountCreated]: (state, p) => {
    state.account = { accountName: p.accountName, createDate: p.createDate };
  },
};
