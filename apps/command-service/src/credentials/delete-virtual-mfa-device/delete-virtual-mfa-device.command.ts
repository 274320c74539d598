import { Command } from '@nestjs/cqrs';
import type { DeleteVirtualMfaDeviceInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DeleteVirtualMfaDeviceRequestDto } from './delete-virtual-mfa-device.request.dto';

/** DeleteVirtualMFADevice: an unassigned device (its sealed seed goes with it). */
export class DeleteVirtualMfaDeviceCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeleteVirtualMfaDeviceInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: DeleteVirtualMfaDeviceRequestDto,
  ): DeleteVirtualMfaDeviceCommand {
    return new DeleteVirtualMfaDeviceCommand(accountId, { serialNumber: dto.SerialNumber });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
