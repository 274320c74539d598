import type { AccessKeyStatus } from '@portcullis/contracts';
import { IsIamName, IsOptionalParameter } from '../../shared/iam-request.decorators';
import { IsAccessKeyId, IsAccessKeyStatus } from '../shared/credential-request.decorators';

/** Body of UpdateAccessKey: no UserName = the calling IAM user, or the root's own keys. */
export class UpdateAccessKeyRequestDto {
  @IsOptionalParameter()
  @IsIamName('user')
  UserName?: string;

  @IsAccessKeyId()
  AccessKeyId!: string;

  @IsAccessKeyStatus()
  Status!: AccessKeyStatus;
}
