import { IamEventType } from '@portcullis/contracts';
import type { SomeEventHandlers } from '../account.state';

type PasswordPolicyEvents =
  | typeof IamEventType.AccountPasswordPolicyUpdated
  | typeof IamEventType.AccountPasswordPolicyDeleted;

export const passwordPolicyHandlers: SomeEventHandlers<PasswordPolicyEvents> = {
  [IamEventType.AccountPasswordPolicyUpdated]: (state, p) => {
    state.passwordPolicy = { ...p.policy };
  },
  [IamEventType.AccountPasswordPolicyDeleted]: (state) => {
    state.passwordPolicy = undefined;
  },
};
