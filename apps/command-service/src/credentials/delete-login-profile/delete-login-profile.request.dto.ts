import { IsIamName, IsOptionalParameter } from '../../shared/iam-request.decorators';

/** Body of DeleteLoginProfile: no UserName = the calling IAM user. */
export class DeleteLoginProfileRequestDto {
  @IsOptionalParameter()
  @IsIamName('user')
  UserName?: string;
}
