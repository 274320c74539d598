import { IsIamName, IsOptionalParameter } from '../../shared/iam-request.decorators';

/** Body of GetLoginProfile: no UserName = the calling IAM user. */
export class GetLoginProfileRequestDto {
  @IsOptionalParameter()
  @IsIamName('user')
  UserName?: string;
}
