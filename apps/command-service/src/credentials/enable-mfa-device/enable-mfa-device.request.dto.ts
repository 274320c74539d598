import { IsIamName } from '../../shared/iam-request.decorators';
import { IsAuthenticationCode, IsSerialNumber } from '../shared/credential-request.decorators';

/** Body of EnableMFADevice: two consecutive codes from the device. */
export class EnableMfaDeviceRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsSerialNumber()
  SerialNumber!: string;

  @IsAuthenticationCode()
  AuthenticationCode1!: string;

  @IsAuthenticationCode()
  AuthenticationCode2!: string;
}
