import { IsIamName, IsOptionalParameter } from '../../shared/iam-request.decorators';
import { IsSerialNumber } from '../shared/credential-request.decorators';

/** Body of DeactivateMFADevice: no UserName = the calling IAM user. */
export class DeactivateMfaDeviceRequestDto {
  @IsOptionalParameter()
  @IsIamName('user')
  UserName?: string;

  @IsSerialNumber()
  SerialNumber!: string;
}
