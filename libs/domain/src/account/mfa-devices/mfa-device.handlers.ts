import { IamEventType } from '@portcullis/contracts';
import { mustFind, type AccountState, type SomeEventHandlers } from '../account.state';
import { tagSetOf } from '../tags';

type MfaDeviceEvents =
  | typeof IamEventType.VirtualMfaDeviceCreated
  | typeof IamEventType.MfaDeviceEnabled
  | typeof IamEventType.MfaDeviceResynced
  | typeof IamEventType.MfaDeviceDeactivated
  | typeof IamEventType.VirtualMfaDeviceDeleted
  | typeof IamEventType.MfaCodeUsed
  | typeof IamEventType.SignInLockedOut;

const user = (state: AccountState, name: string) => mustFind(state.users.find(name), name);
const device = (state: AccountState, serialNumber: string) =>
  mustFind(state.virtualMfaDevices.get(serialNumber), serialNumber);

export const mfaDeviceHandlers: SomeEventHandlers<MfaDeviceEvents> = {
  [IamEventType.VirtualMfaDeviceCreated]: (state, p) => {
    state.virtualMfaDevices.set(p.serialNumber, {
      serialNumber: p.serialNumber,
      name: p.virtualMfaDeviceName,
      path: p.path,
      sealedSeed: p.sealedSeed,
      createDate: p.createDate,
      tags: tagSetOf(p.tags),
    });
  },
  [IamEventType.MfaDeviceEnabled]: (state, p) => {
    const u = user(state, p.userName);
    const d = device(state, p.serialNumber);
    d.userKey = u.key;
    d.enableDate = p.enableDate;
    d.lastUsedStep = p.lastUsedStep;
    u.mfaDevices.add(d.serialNumber);
  },
  [IamEventType.MfaDeviceResynced]: (state, p) => {
    device(state, p.serialNumber).lastUsedStep = p.lastUsedStep;
  },
  [IamEventType.MfaCodeUsed]: (state, p) => {
    device(state, p.serialNumber).lastUsedStep = p.step;
  },
  // An audit record: the aggregate keeps no lockout state (the edge's limiter does).
  [IamEventType.SignInLockedOut]: () => undefined,
  [IamEventType.MfaDeviceDeactivated]: (state, p) => {
    const d = device(state, p.serialNumber);
    d.userKey = undefined;
    d.enableDate = undefined;
    user(state, p.userName).mfaDevices.delete(d.serialNumber);
  },
  [IamEventType.VirtualMfaDeviceDeleted]: (state, p) => {
    state.virtualMfaDevices.delete(p.serialNumber);
  },
};
