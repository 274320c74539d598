import { IsIamName, IsOptionalParameter } from '../../shared/iam-request.decorators';
import { PageRequestDto } from '../shared/pagination';

/** Body of ListMFADevices: no UserName = the calling IAM user. */
export class ListMfaDevicesRequestDto extends PageRequestDto {
  @IsOptionalParameter()
  @IsIamName('user')
  UserName?: string;
}
