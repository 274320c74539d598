import { IsIamName, IsOptionalParameter } from '../../shared/iam-request.decorators';

/** Body of CreateAccessKey: no UserName = the calling IAM user, or the root's own keys. */
export class CreateAccessKeyRequestDto {
  @IsOptionalParameter()
  @IsIamName('user')
  UserName?: string;
}
