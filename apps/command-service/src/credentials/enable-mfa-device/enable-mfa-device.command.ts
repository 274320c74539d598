import { Command } from '@nestjs/cqrs';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { EnableMfaDeviceRequestDto } from './enable-mfa-device.request.dto';

/** EnableMFADevice: assigns a virtual device to a user. AWS answers nothing. */
export class EnableMfaDeviceCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly userName: string,
    readonly serialNumber: string,
    readonly codes: readonly [string, string],
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: EnableMfaDeviceRequestDto): EnableMfaDeviceCommand {
    return new EnableMfaDeviceCommand(accountId, dto.UserName, dto.SerialNumber, [
      dto.AuthenticationCode1,
      dto.AuthenticationCode2,
    ]);
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
