import { MfaDeviceCodesCommand } from '../shared/mfa-device-codes';

/** ResyncMFADevice: re-learns a device whose clock drifted. AWS answers nothing. */
export class ResyncMfaDeviceCommand extends MfaDeviceCodesCommand {}
