import { MfaDeviceCodesCommand } from '../shared/mfa-device-codes';

/** EnableMFADevice: assigns a virtual device to a user. AWS answers nothing. */
export class EnableMfaDeviceCommand extends MfaDeviceCodesCommand {}
