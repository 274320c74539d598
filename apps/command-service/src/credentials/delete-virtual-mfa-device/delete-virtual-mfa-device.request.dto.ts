import { IsSerialNumber } from '../shared/credential-request.decorators';

/** Body of DeleteVirtualMFADevice. */
export class DeleteVirtualMfaDeviceRequestDto {
  @IsSerialNumber()
  SerialNumber!: string;
}
