import type { AccessKeyState, AccountState, UserState } from '../account.state';

/** An access key of the account with its owner: an IAM user, or the root (`user` absent). */
export interface OwnedAccessKey {
  readonly key: AccessKeyState;
  readonly user?: UserState;
}

/** Any access key of the account, a user's or the root's; undefined when there is none. */
export function findAccessKey(
  state: AccountState,
  accessKeyId: string,
): OwnedAccessKey | undefined {
  const ownerKey = state.accessKeyOwners.get(accessKeyId);
  if (ownerKey !== undefined) {
    const user = state.users.get(ownerKey);
    const key = user?.accessKeys.get(accessKeyId);
    return user && key ? { key, user } : undefined;
  }
  const root = state.rootAccessKeys.get(accessKeyId);
  return root && { key: root };
}
