import { IsIamName, IsOptionalParameter } from '../../shared/iam-request.decorators';
import { IsAccessKeyId } from '../shared/credential-request.decorators';

/** Body of DeleteAccessKey: no UserName = the calling IAM user, or the root's own keys. */
export class DeleteAccessKeyRequestDto {
  @IsOptionalParameter()
  @IsIamName('user')
  UserName?: string;

  @IsAccessKeyId()
  AccessKeyId!: string;
}
