import { IsIamName } from '../../shared/iam-request.decorators';
import { IsAuthenticationCode, IsSerialNumber } from '../shared/credential-request.decorators';

/** Body of ResyncMFADevice: two consecutive codes from the (drifted) device. */
export class ResyncMfaDeviceRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsSerialNumber()
  SerialNumber!: string;

  @IsAuthenticationCode()
  AuthenticationCode1!: string;

  @IsAuthenticationCode()
  AuthenticationCode2!: string;
}
