import { IsIamName, IsOptionalParameter } from '../../shared/iam-request.decorators';
import { PageRequestDto } from '../shared/pagination';

/** Body of ListAccessKeys: no UserName = the calling IAM user. */
export class ListAccessKeysRequestDto extends PageRequestDto {
  @IsOptionalParameter()
  @IsIamName('user')
  UserName?: string;
}
