import { Command } from '@nestjs/cqrs';
import type { DeactivateMfaDeviceInput } from '@portcullis/domain';
import type { CommandCaller } from '../../pipeline/command-definition';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import { targetUserName } from '../shared/caller-user';
import type { DeactivateMfaDeviceRequestDto } from './deactivate-mfa-device.request.dto';

/** DeactivateMFADevice: unassigns the device from the user. AWS answers nothing. */
export class DeactivateMfaDeviceCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeactivateMfaDeviceInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: DeactivateMfaDeviceRequestDto,
    caller: CommandCaller,
  ): DeactivateMfaDeviceCommand {
    return new DeactivateMfaDeviceCommand(accountId, {
      userName: targetUserName(dto.UserName, caller),
      serialNumber: dto.SerialNumber,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
