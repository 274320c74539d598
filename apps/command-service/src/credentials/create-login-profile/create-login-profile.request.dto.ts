import { IsFlag, IsIamName, IsOptionalParameter } from '../../shared/iam-request.decorators';
import { IsPassword } from '../shared/credential-request.decorators';

/** Body of CreateLoginProfile: no UserName = the calling IAM user. */
export class CreateLoginProfileRequestDto {
  @IsOptionalParameter()
  @IsIamName('user')
  UserName?: string;

  @IsPassword()
  Password!: string;

  @IsOptionalParameter()
  @IsFlag()
  PasswordResetRequired?: boolean;
}
