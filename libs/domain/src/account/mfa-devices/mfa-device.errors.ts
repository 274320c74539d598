import { deleteConflict, IamError, limitExceeded } from '../account.errors';

/** `MFADevice entity at the same path and name already exists.` */
export const mfaDeviceExists = (): IamError =>
  new IamError('EntityAlreadyExists', 'MFADevice entity at the same path and name already exists.');

/** `VirtualMFADevice with serial number … doesn't exist.` */
export const noSuchVirtualMfaDevice = (serialNumber: string): IamError =>
  new IamError(
    'NoSuchEntity',
    `VirtualMFADevice with serial number ${serialNumber} doesn't exist.`,
  );

/** Deactivate/Resync of a device the user does not have enabled. */
export const mfaDeviceNotEnabledForUser = (serialNumber: string, userName: string): IamError =>
  new IamError(
    'NoSuchEntity',
    `MFA Device with serial number ${serialNumber} is not enabled for user ${userName}.`,
  );

/** EnableMFADevice of a device enabled already (for this user or another). */
export const mfaDeviceInUse = (): IamError =>
  new IamError('EntityAlreadyExists', 'MFA Device is already in use.');

export const mfaDeviceQuotaExceeded = (quota: number): IamError =>
  limitExceeded(`Cannot exceed quota for MFADevicesPerUser: ${quota}`);

/** DeleteVirtualMFADevice of a device still enabled for a user. */
export const mfaDeviceStillEnabled = (): IamError =>
  deleteConflict('Cannot delete entity, must deactivate the MFA device first.');

/** A wrong, stale or replayed code: one answer for all, so a caller learns nothing more. */
export const invalidAuthenticationCode = (): IamError =>
  new IamError('InvalidAuthenticationCode', 'Authentication code for device is not valid.');
