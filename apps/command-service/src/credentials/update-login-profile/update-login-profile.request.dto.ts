import { IsFlag, IsIamName, IsOptionalParameter } from '../../shared/iam-request.decorators';
import { IsPassword } from '../shared/credential-request.decorators';

/** Body of UpdateLoginProfile (an administrator sets a password and/or the reset flag). */
export class UpdateLoginProfileRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsOptionalParameter()
  @IsPassword()
  Password?: string;

  @IsOptionalParameter()
  @IsFlag()
  PasswordResetRequired?: boolean;
}
