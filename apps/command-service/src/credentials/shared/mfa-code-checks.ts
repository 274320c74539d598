import type { MfaDeviceToVerify, VerifyMfaCodes } from '@portcullis/domain';
import { CredentialSecrets, mfaSeedBinding, type TotpWindow } from '../credential-secrets.port';

/**
 * The code checks the aggregate calls back with a device (its sealed seed and last used step):
 * opened with the seed's binding, refusing codes at or before the last used step. One place for
 * EnableMFADevice, ResyncMFADevice, STS and sign-in.
 */
const windowOf = (device: MfaDeviceToVerify, now: Date, window?: number): TotpWindow => ({
  now,
  ...(window !== undefined && { window }),
  ...(device.lastUsedStep !== undefined && { lastUsedStep: device.lastUsedStep }),
});

/** One code (GetSessionToken, AssumeRole, sign-in). */
export const checkCode =
  (secrets: CredentialSecrets, code: string, now: Date): VerifyMfaCodes =>
  (device) =>
    secrets.verifyCode(
      device.sealedSeed,
      mfaSeedBinding(device.serialNumber),
      code,
      windowOf(device, now),
    );

/** Two consecutive codes (EnableMFADevice; ResyncMFADevice with its wider window). */
export const checkConsecutiveCodes =
  (
    secrets: CredentialSecrets,
    codes: readonly [string, string],
    now: Date,
    window?: number,
  ): VerifyMfaCodes =>
  (device) =>
    secrets.verifyConsecutiveCodes(
      device.sealedSeed,
      mfaSeedBinding(device.serialNumber),
      codes,
      windowOf(device, now, window),
    );
