import { Command } from '@nestjs/cqrs';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { ResyncMfaDeviceRequestDto } from './resync-mfa-device.request.dto';

/** ResyncMFADevice: re-learns a device whose clock drifted. AWS answers nothing. */
export class ResyncMfaDeviceCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly userName: string,
    readonly serialNumber: string,
    readonly codes: readonly [string, string],
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: ResyncMfaDeviceRequestDto): ResyncMfaDeviceCommand {
    return new ResyncMfaDeviceCommand(accountId, dto.UserName, dto.SerialNumber, [
      dto.AuthenticationCode1,
      dto.AuthenticationCode2,
    ]);
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
