import { IamEventType } from '@portcullis/contracts';
import {
  mustFind,
  PASSWORD_HISTORY_LENGTH,
  type AccountState,
  type SomeEventHandlers,
  type UserState,
} from '../account.state';

type LoginProfileEvents =
  | typeof IamEventType.LoginProfileCreated
  | typeof IamEventType.LoginProfileUpdated
  | typeof IamEventType.LoginProfileDeleted
  | typeof IamEventType.UserPasswordChanged;

const user = (state: AccountState, name: string) => mustFind(state.users.find(name), name);

const profileOf = (u: UserState) => mustFind(u.loginProfile, `login profile of ${u.name}`);

/** A new current password goes to the front of the history, which keeps the newest 24. */
function remember(u: UserState, passwordHash: string): void {
  u.passwordHistory.unshift(passwordHash);
  u.passwordHistory.length = Math.min(u.passwordHistory.length, PASSWORD_HISTORY_LENGTH);
}

export const loginProfileHandlers: SomeEventHandlers<LoginProfileEvents> = {
  [IamEventType.LoginProfileCreated]: (state, p) => {
    const u = user(state, p.userName);
    u.loginProfile = {
      createDate: p.createDate,
      passwordResetRequired: p.passwordResetRequired,
      passwordHash: p.passwordHash,
      passwordChangedAt: p.createDate,
    };
    remember(u, p.passwordHash);
  },
  [IamEventType.LoginProfileUpdated]: (state, p) => {
    const u = user(state, p.userName);
    const profile = profileOf(u);
    if (p.passwordHash !== undefined) {
      profile.passwordHash = p.passwordHash;
      profile.passwordChangedAt = p.passwordChangedAt ?? profile.passwordChangedAt;
      remember(u, p.passwordHash);
    }
    if (p.passwordResetRequired !== undefined) {
      profile.passwordResetRequired = p.passwordResetRequired;
    }
  },
  [IamEventType.LoginProfileDeleted]: (state, p) => {
    user(state, p.userName).loginProfile = undefined;
  },
  [IamEventType.UserPasswordChanged]: (state, p) => {
    const u = user(state, p.userName);
    const profile = profileOf(u);
    profile.passwordHash = p.passwordHash;
    profile.passwordChangedAt = p.changedAt;
    profile.passwordResetRequired = false;
    remember(u, p.passwordHash);
  },
};
