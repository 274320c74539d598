import { IsIamName, IsIamPath, IsOptionalParameter } from '../../shared/iam-request.decorators';

/** Body of UpdateUser, with AWS's parameter names. */
export class UpdateUserRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsOptionalParameter()
  @IsIamPath()
  NewPath?: string;

  @IsOptionalParameter()
  @IsIamName('user')
  NewUserName?: string;
}
