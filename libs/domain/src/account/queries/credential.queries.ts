import { findAccessKey } from '../access-keys/access-key.lookup';
import type { AccountState, UserState, VirtualMfaDeviceState } from '../account.state';
import type {
  AccessKeyLastUsedView,
  AccessKeyView,
  LoginProfileView,
  MfaAssignmentStatus,
  MfaDeviceView,
  PasswordPolicyView,
  VirtualMfaDeviceView,
} from './credential.views';

const frozenList = <T>(items: T[]): readonly T[] =>
  Object.freeze(items.map((i) => Object.freeze(i)));

/**
 * The credential read API: frozen snapshots, never a secret (sealed or hashed). Lookups answer
 * undefined for what does not exist; the application layer turns that into AWS's errors.
 */
export class CredentialQueries {
  constructor(private readonly state: AccountState) {}

  /** The user's access keys in creation order; undefined for an unknown user. */
  listAccessKeys(userName: string): readonly AccessKeyView[] | undefined {
    const user = this.state.users.find(userName);
    if (!user) return undefined;
    return frozenList(
      [...user.accessKeys.values()].map((k) => ({
        userName: user.name,
        accessKeyId: k.accessKeyId,
        status: k.status,
        createDate: k.createDate,
      })),
    );
  }

  /** The name of the user an access key belongs to (GetAccessKeyLastUsed, authorization). */
  accessKeyOwner(accessKeyId: string): string | undefined {
    const key = this.state.accessKeyOwners.get(accessKeyId);
    return key === undefined ? undefined : this.state.users.get(key)?.name;
  }

  /**
   * Any access key of the account (a user's or the root's): its owner and latest recorded use;
   * undefined when there is no such key.
   */
  accessKeyLastUsed(accessKeyId: string): AccessKeyLastUsedView | undefined {
    const found = findAccessKey(this.state, accessKeyId);
    if (!found) return undefined;
    const used = found.key.lastUsed;
    return Object.freeze({
      ...(found.user ? { userName: found.user.name } : {}),
      ...(used
        ? {
            lastUsed: Object.freeze({
              lastUsedDate: used.date,
              serviceName: used.serviceName,
              region: used.region,
            }),
          }
        : {}),
    });
  }

  getLoginProfile(userName: string): LoginProfileView | undefined {
    const user = this.state.users.find(userName);
    const profile = user?.loginProfile;
    if (!user || !profile) return undefined;
    return Object.freeze({
      userName: user.name,
      createDate: profile.createDate,
      passwordResetRequired: profile.passwordResetRequired,
    });
  }

  getPasswordPolicy(): PasswordPolicyView | undefined {
    const policy = this.state.passwordPolicy;
    return policy && Object.freeze({ ...policy });
  }

  /** MFA devices enabled for the user, in the order enabled; undefined for an unknown user. */
  listMfaDevices(userName: string): readonly MfaDeviceView[] | undefined {
    const user = this.state.users.find(userName);
    if (!user) return undefined;
    const views: MfaDeviceView[] = [];
    for (const serialNumber of user.mfaDevices) {
      const device = this.state.virtualMfaDevices.get(serialNumber);
      if (device?.enableDate === undefined) continue;
      views.push({ userName: user.name, serialNumber, enableDate: device.enableDate });
    }
    return frozenList(views);
  }

  listVirtualMfaDevices(status: MfaAssignmentStatus = 'Any'): readonly VirtualMfaDeviceView[] {
    const views: VirtualMfaDeviceView[] = [];
    for (const device of this.state.virtualMfaDevices.values()) {
      const assigned = device.userKey !== undefined;
      if ((status === 'Assigned' && !assigned) || (status === 'Unassigned' && assigned)) continue;
      views.push(this.virtualDeviceView(device));
    }
    return frozenList(views);
  }

  private virtualDeviceView(device: VirtualMfaDeviceState): VirtualMfaDeviceView {
    const user: UserState | undefined =
      device.userKey === undefined ? undefined : this.state.users.get(device.userKey);
    return {
      serialNumber: device.serialNumber,
      createDate: device.createDate,
      tags: Object.freeze([...device.tags.values()].map((t) => Object.freeze({ ...t }))),
      ...(user && {
        user: Object.freeze({
          userName: user.name,
          userId: user.id,
          path: user.path,
          arn: user.arn,
          createDate: user.createDate,
        }),
      }),
      ...(device.enableDate !== undefined && { enableDate: device.enableDate }),
    };
  }
}
